/**
 * The embedded on-disk store: a folder holding one append-only journal, `journal.jsonl`.
 *
 * Every change is one line — JSON, a tab, and the CRC-32 of the JSON — appended and flushed to
 * disk (fsync) before the call returns. Opening the store replays the journal. A last line that
 * is cut short or fails its checksum is what a process killed mid-write leaves: it is dropped and
 * the file truncated to the last whole line, so at most the article being written is lost. A bad
 * line anywhere else is corruption, and opening fails with the line number rather than guess.
 * The first line names the format; a journal of another format version is refused.
 *
 * One process writes a store at a time (share an index between workers through Redis).
 */

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { MemoryWireStore } from './memory.js';
import type { StoredArticle } from './store.js';

/** Format of the journal this version reads and writes. */
export const FILE_STORE_FORMAT = 'wiretrace/store@1';

type Op =
  | { op: 'put'; article: StoredArticle }
  | { op: 'delete'; id: string }
  | { op: 'merge'; into: string; from: string[] }
  | { op: 'allocate'; story: string; seq: number };

function line(value: unknown): string {
  const json = JSON.stringify(value);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
}

function parseLine(text: string): unknown {
  const tab = text.lastIndexOf('\t');
  if (tab < 0) throw new Error('no checksum');
  const json = text.slice(0, tab);
  if (crc32(json).toString(16).padStart(8, '0') !== text.slice(tab + 1)) throw new Error('checksum mismatch');
  return JSON.parse(json);
}

/** A store kept in a folder on disk; survives restarts and crashes. */
export class FileWireStore extends MemoryWireStore {
  override readonly kind = 'file';
  private readonly fd: number;
  /** Lines dropped from the end of the journal when it was opened (a write cut short). */
  readonly recovered: number;

  /**
   * Opens (or creates) the store in `dir`.
   *
   * @param dir - A folder; created if missing.
   * @throws Error naming the file and line when the journal is corrupt or of another version.
   */
  constructor(dir: string) {
    super();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'journal.jsonl');
    let recovered = 0;
    if (existsSync(file) && statSync(file).size > 0) {
      const content = readFileSync(file, 'utf8');
      const lines = content.split('\n');
      // Everything after the last newline is a line whose write was cut short.
      const tail = lines.pop() ?? '';
      if (tail.length > 0) recovered++;
      let good = 0;
      for (let i = 0; i < lines.length; i++) {
        let value: unknown;
        try {
          value = parseLine(lines[i]!);
        } catch (e) {
          if (i === lines.length - 1) {
            recovered++;
            break;
          }
          throw new Error(`${file}: line ${i + 1} is corrupt (${(e as Error).message}); the store cannot be opened safely.`);
        }
        if (i === 0) {
          const format = (value as { format?: unknown }).format;
          if (format !== FILE_STORE_FORMAT)
            throw new Error(`${file} was written in format ${JSON.stringify(format)}; this version of wiretrace reads ${FILE_STORE_FORMAT} only.`);
        } else this.replay(value as Op);
        good += Buffer.byteLength(lines[i]!) + 1;
      }
      if (recovered > 0) truncateSync(file, good);
    }
    this.recovered = recovered;
    this.fd = openSync(file, 'a');
    if (statSync(file).size === 0) this.append({ format: FILE_STORE_FORMAT, created: new Date(0).toISOString() });
  }

  private replay(op: Op): void {
    if (op.op === 'put') this.applyPut(op.article);
    else if (op.op === 'delete') this.applyDelete(op.id);
    else if (op.op === 'merge') this.applyMerge(op.into, op.from);
    else if (op.op === 'allocate') this.nextSeq = Math.max(this.nextSeq, op.seq + 1);
  }

  private append(value: unknown): void {
    const data = Buffer.from(line(value));
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off);
    fsyncSync(this.fd);
  }

  override async put(article: StoredArticle): Promise<void> {
    this.append({ op: 'put', article });
    this.applyPut(article);
  }

  override async delete(id: string): Promise<StoredArticle | undefined> {
    const a = this.articles.get(id);
    if (a === undefined) return undefined;
    this.append({ op: 'delete', id });
    this.applyDelete(id);
    return a;
  }

  override async merge(into: string, from: readonly string[]): Promise<void> {
    this.append({ op: 'merge', into, from });
    this.applyMerge(into, from);
  }

  // allocate() needs no journal line (nor its fsync): replaying the puts restores the counter.

  override async close(): Promise<void> {
    closeSync(this.fd);
  }
}
