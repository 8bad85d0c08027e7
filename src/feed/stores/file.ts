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
 * One process writes a store at a time: a writer holds `writer.lock` (its process id), and a
 * second writer is refused with a clear error; a lock whose process is gone (killed) is taken
 * over. Readers (`{ readOnly: true }`) take no lock and never write: a half-written last line
 * is the writer's line in progress, not theirs to cut. Share an index between workers through
 * Redis.
 */

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { releaseLock, takeLock } from './lock.js';
import { MemoryWireStore } from './memory.js';
import type { StoredArticle, StoryMove } from './store.js';

/** Format of the journal this version reads and writes. */
export const FILE_STORE_FORMAT = 'wiretrace/store@1';

type Op =
  | { op: 'put'; article: StoredArticle; moves?: StoryMove[] }
  | { op: 'delete'; id: string }
  | { op: 'merge'; into: string; from: string[] }
  | { op: 'move'; into: string; ids: string[] }
  | { op: 'allocate'; story: string; seq: number };

/** Whether a value has the shape of a story move. */
function isMove(v: unknown): v is StoryMove {
  const m = v as Record<string, unknown> | null;
  return m !== null && typeof m === 'object' && typeof m.into === 'string' && Array.isArray(m.ids) && m.ids.every((x) => typeof x === 'string');
}

/** Whether a checksummed journal value has the shape of an entry. */
function isOp(v: unknown): v is Op {
  const o = v as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object') return false;
  const a = o.article as Record<string, unknown> | undefined;
  switch (o.op) {
    case 'put':
      return (
        a !== undefined &&
        a !== null &&
        typeof a.id === 'string' &&
        typeof a.story === 'string' &&
        typeof a.text === 'string' &&
        Array.isArray(a.buckets) &&
        Array.isArray(a.trigrams) &&
        typeof a.time === 'number' &&
        typeof a.seq === 'number' &&
        (o.moves === undefined || (Array.isArray(o.moves) && (o.moves as unknown[]).every(isMove)))
      );
    case 'delete':
      return typeof o.id === 'string';
    case 'merge':
      return typeof o.into === 'string' && Array.isArray(o.from) && o.from.every((x) => typeof x === 'string');
    case 'move':
      return isMove(o);
    case 'allocate':
      return typeof o.story === 'string' && typeof o.seq === 'number';
    default:
      return false;
  }
}

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

/**
 * Calls `fn` with each line of a file (without its newline) and the byte offset after it, reading
 * `chunk` bytes at a time: a journal of any size is read without ever being one string. Returns
 * the bytes after the last newline (a line whose write was cut short), if any.
 *
 * @internal
 */
export function forEachLine(file: string, fn: (line: string, end: number) => boolean, chunk = 1 << 20): Buffer {
  const fd = openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    let offset = 0; // bytes of the file consumed into complete lines
    const buf = Buffer.alloc(chunk);
    for (;;) {
      const n = readSync(fd, buf, 0, chunk, null);
      if (n === 0) break;
      let data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let from = 0;
      for (let nl = data.indexOf(10, from); nl >= 0; nl = data.indexOf(10, from)) {
        offset += nl - from + 1;
        if (!fn(data.toString('utf8', from, nl), offset)) return Buffer.alloc(0);
        from = nl + 1;
      }
      carry = Buffer.from(data.subarray(from));
      data = Buffer.alloc(0);
    }
    return carry;
  } finally {
    closeSync(fd);
  }
}

/** Options of {@link FileWireStore}. */
export interface FileStoreOptions {
  /**
   * Open to read only: no lock, no write, no recovery; the folder must hold a store.
   * @default false
   */
  readOnly?: boolean;
}


/** A store kept in a folder on disk; survives restarts and crashes. */
export class FileWireStore extends MemoryWireStore {
  override readonly kind = 'file';
  private fd: number;
  private readonly lock: string | null;
  /** Lines dropped from the end of the journal when it was opened (a write cut short). */
  readonly recovered: number;

  /**
   * Opens (or creates) the store in `dir`.
   *
   * @param dir - A folder; created if missing (unless read-only).
   * @param options - `readOnly`.
   * @throws Error naming the file and line when the journal is corrupt or of another version,
   *   naming the process when another one is writing, or saying the folder holds no store.
   */
  constructor(dir: string, options: FileStoreOptions = {}) {
    super();
    const readOnly = options.readOnly === true;
    const file = join(dir, 'journal.jsonl');
    if (readOnly && !existsSync(file)) throw new Error(`${dir}: no wiretrace store here (no journal.jsonl); check the path.`);
    if (!readOnly) mkdirSync(dir, { recursive: true });
    this.lock = readOnly ? null : takeLock(dir);
    let recovered = 0;
    if (existsSync(file) && statSync(file).size > 0) {
      // Line by line, never the whole journal in one string (past ~512 MiB it cannot be one).
      // A bad line is corruption unless it is the last one: a write cut short.
      let good = 0;
      let i = 0;
      let pending: { line: number; message: string; end: number } | null = null;
      const tail = forEachLine(file, (text, end) => {
        if (pending !== null) throw new Error(`${file}: line ${pending.line} is corrupt (${pending.message}); the store cannot be opened safely.`);
        i++;
        let value: unknown;
        try {
          value = parseLine(text);
        } catch (e) {
          pending = { line: i, message: (e as Error).message, end };
          return true;
        }
        if (i === 1) {
          const format = (value as { format?: unknown }).format;
          if (format !== FILE_STORE_FORMAT)
            throw new Error(`${file} was written in format ${JSON.stringify(format)}; this version of wiretrace reads ${FILE_STORE_FORMAT} only.`);
        } else if (!isOp(value)) throw new Error(`${file}: line ${i} has a valid checksum but is not a journal entry; the store cannot be opened safely.`);
        else this.replay(value);
        good = end;
        return true;
      });
      // Everything after the last newline is a line whose write was cut short, and so is a last
      // whole line that fails its checksum.
      if (tail.length > 0) recovered++;
      if ((pending as unknown) !== null) recovered++;
      // Only the writer cuts a partial last line; for a reader it is the writer's line in progress.
      if (recovered > 0 && !readOnly) truncateSync(file, good);
    }
    this.recovered = readOnly ? 0 : recovered;
    this.fd = readOnly ? -1 : openSync(file, 'a');
    if (!readOnly && statSync(file).size === 0) this.append({ format: FILE_STORE_FORMAT, created: new Date(0).toISOString() });
  }

  private replay(op: Op): void {
    if (op.op === 'put') {
      this.applyPut(op.article);
      for (const m of op.moves ?? []) this.applyMove(m.into, m.ids);
    }
    else if (op.op === 'delete') this.applyDelete(op.id);
    // Journals written before stories could split hold whole-story merges.
    else if (op.op === 'merge') this.applyMove(op.into, op.from.flatMap((s) => this.storyMembers.get(s) ?? []));
    else if (op.op === 'move') this.applyMove(op.into, op.ids);
    else if (op.op === 'allocate') this.nextSeq = Math.max(this.nextSeq, op.seq + 1);
  }

  private append(value: unknown): void {
    if (this.fd < 0) throw new Error('the store was opened read-only.');
    const data = Buffer.from(line(value));
    const before = fstatSync(this.fd).size;
    try {
      this.writeAll(data);
      fsyncSync(this.fd);
    } catch (e) {
      // A write that failed part-way (a full disk) is taken back, so the journal stays whole and
      // later writes do not land after half a line.
      try {
        ftruncateSync(this.fd, before);
      } catch {
        // Nothing more can be done here; the next open will find and report the cut line.
      }
      throw e;
    }
  }

  /** Writes bytes at the end of the journal (a seam for tests that simulate a full disk). */
  protected writeAll(data: Buffer): void {
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off);
  }

  override async put(article: StoredArticle, moves: readonly StoryMove[] = []): Promise<void> {
    // One journal line: a write cut short loses the article and its moves together.
    this.append(moves.length === 0 ? { op: 'put', article } : { op: 'put', article, moves });
    this.applyPut(article);
    for (const m of moves) this.applyMove(m.into, m.ids);
  }

  override async delete(id: string): Promise<StoredArticle | undefined> {
    const a = this.articles.get(id);
    if (a === undefined) return undefined;
    this.append({ op: 'delete', id });
    this.applyDelete(id);
    return a;
  }

  override async move(into: string, ids: readonly string[]): Promise<void> {
    this.append({ op: 'move', into, ids });
    this.applyMove(into, ids);
  }

  // allocate() needs no journal line (nor its fsync): replaying the puts restores the counter.

  override async close(): Promise<void> {
    this.closeSync();
  }

  /** Closes the journal and releases the writer's lock, at once (for a migration). */
  closeSync(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.lock !== null) releaseLock(this.lock);
  }

  /** Every article, in arrival order (for a migration). */
  snapshot(): StoredArticle[] {
    return [...this.articles.values()].sort((a, b) => a.seq - b.seq);
  }
}
