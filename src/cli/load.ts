/**
 * Reading the command line's inputs: .txt and .html files, folders of them, and JSON Lines on
 * stdin or in a .jsonl file. Every input that cannot be read is named in an error; the others are still read.
 */

import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { learnChrome } from '../chrome/chrome.js';
import { extractArticle } from '../extract/extract.js';
import type { Article } from '../types.js';
import type { CliIo } from './io.js';

/** Largest input file read, in bytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The articles read, and what went wrong. */
export interface Loaded {
  articles: Article[];
  errors: string[];
  warnings: string[];
}

function decode(bytes: Uint8Array, name: string, warnings: string[]): string | string[] {
  if (bytes.length === 0) return [`${name}: the file is empty`];
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return [`${name}: not a text file (it contains NUL bytes)`];
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length * 0.1) return [`${name}: not a text file (${control} control bytes in the first ${head.length})`];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    warnings.push(`${name}: not valid UTF-8; undecodable bytes were replaced with U+FFFD`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim().length === 0) return [`${name}: the file holds only white space`];
  return text;
}

/** Why a path cannot be read, in words ("no such file" rather than ENOENT). */
function cannotRead(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EISDIR: 'is a folder', ELOOP: 'too many symbolic links' };
  return code !== undefined ? `${words[code] ?? (e as Error).message} (${code})` : (e as Error).message;
}

/**
 * Reads at most `max + 1` bytes of a regular file, whatever `stat()` says its size is (a file can
 * grow, a symlink can point at a device): the caller sees more than `max` and refuses it.
 */
function readBounded(path: string, max: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 16);
    while (total <= max) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, max + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function loadFile(path: string, loaded: Loaded): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    loaded.errors.push(`${path}: cannot read: ${cannotRead(e)}`);
    return;
  }
  // A FIFO would wait forever, a device (/dev/zero) never ends: only regular files are read.
  if (stat.isDirectory()) {
    loaded.errors.push(`${path}: cannot read: is a folder (EISDIR)`);
    return;
  }
  if (!stat.isFile()) {
    loaded.errors.push(`${path}: not a regular file (a ${stat.isFIFO() ? 'named pipe' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'device' : stat.isSocket() ? 'socket' : 'special file'}); not read`);
    return;
  }
  if (JSONL_FILE.test(extname(path))) {
    // Many articles, one per line, as on stdin: the limit is per line, not per file.
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      loaded.errors.push(`${path}: cannot read: ${cannotRead(e)}`);
      return;
    }
    const text = decode(bytes, path, loaded.warnings);
    if (Array.isArray(text)) loaded.errors.push(...text);
    else loadJsonl(text, loaded, path);
    return;
  }
  if (stat.size > MAX_FILE_BYTES) {
    loaded.errors.push(`${path}: ${stat.size} bytes is more than the ${MAX_FILE_BYTES}-byte limit for one article`);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = readBounded(path, MAX_FILE_BYTES);
  } catch (e) {
    loaded.errors.push(`${path}: cannot read: ${cannotRead(e)}`);
    return;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    loaded.errors.push(`${path}: more than the ${MAX_FILE_BYTES}-byte limit for one article`);
    return;
  }
  const text = decode(bytes, path, loaded.warnings);
  if (Array.isArray(text)) loaded.errors.push(...text);
  else {
    const html = /^\.html?$/i.test(extname(path));
    loaded.articles.push({ id: basename(path, extname(path)), text, ...(html ? { format: 'html' as const } : {}) });
  }
}

/** A file of JSON Lines (many articles), not one article. */
const JSONL_FILE = /^\.(jsonl|ndjson)$/i;

function loadJsonl(input: string, loaded: Loaded, source = 'stdin'): void {
  // A UTF-8 byte-order mark before the first line is not part of it.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Plain text given by mistake: one error that says what the input must be, not one per line.
  const first = text.split(/\r?\n/).find((l) => l.trim().length > 0);
  if (first !== undefined && !first.trimStart().startsWith('{')) {
    loaded.errors.push(`${source}: not JSON Lines (one {"id": …, "text": …} object per line)${source === 'stdin' ? '; to compare plain text, give files or folders' : ''}`);
    return;
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `${source} line ${i + 1}`;
    if (raw.trim().length === 0) return;
    if (raw.length > MAX_FILE_BYTES) {
      loaded.errors.push(`${where}: ${raw.length} characters is more than the ${MAX_FILE_BYTES} limit`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      loaded.errors.push(`${where}: not valid JSON (${(e as Error).message})`);
      return;
    }
    const v = value as Partial<Article> | null;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return void loaded.errors.push(`${where}: expected an object {"id", "text"}`);
    if (typeof v.id !== 'string' || v.id.length === 0) return void loaded.errors.push(`${where}: "id" must be a non-empty string`);
    const html = typeof (v as { html?: unknown }).html === 'string' ? (v as { html: string }).html : undefined;
    if (typeof v.text !== 'string' && html === undefined)
      return void loaded.errors.push(`${where}: "text" (or "html") must be a string (article ${JSON.stringify(v.id)})`);
    const body = html ?? (v.text as string);
    if (body.trim().length === 0) return void loaded.errors.push(`${where}: article ${JSON.stringify(v.id)} has an empty text`);
    loaded.articles.push({
      id: v.id,
      text: body,
      ...(html !== undefined || v.format === 'html' ? { format: 'html' as const } : {}),
      ...(typeof v.outlet === 'string' ? { outlet: v.outlet } : {}),
      ...(typeof v.url === 'string' ? { url: v.url } : {}),
      ...(typeof v.publishedAt === 'string' ? { publishedAt: v.publishedAt } : {}),
    });
  });
}

/**
 * Reads every PATH (`-` is JSON Lines on stdin, a .jsonl or .ndjson file JSON Lines too); ids
 * must be unique.
 *
 * @param paths - Files, folders or `-`.
 * @param io - For stdin.
 * @returns Articles, errors and warnings.
 */
export function loadInputs(paths: readonly string[], io: CliIo): Loaded {
  const loaded: Loaded = { articles: [], errors: [], warnings: [] };
  for (const path of paths) {
    if (path === '-') {
      let input: string;
      try {
        input = io.readStdin();
      } catch (e) {
        loaded.errors.push(`stdin: ${(e as Error).message}`);
        continue;
      }
      loadJsonl(input, loaded);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      loaded.errors.push(`${path}: cannot read: ${cannotRead(e)}`);
      continue;
    }
    if (!isDir) {
      loadFile(path, loaded);
      continue;
    }
    const all = readdirSync(path).sort();
    const names = all.filter((n) => /\.(txt|html?)$/i.test(n));
    // Files of other kinds are skipped, and said to be (a folder of .md notes is not silently empty).
    const skipped = all.filter((n) => !/\.(txt|html?)$/i.test(n) && !n.startsWith('.'));
    if (skipped.length > 0)
      loaded.warnings.push(`${path}: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not .txt or .html (${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''})`);
    if (names.length === 0) loaded.errors.push(`${path}: the folder holds no .txt or .html file`);
    for (const n of names) loadFile(join(path, n), loaded);
  }
  // Two files with one name (from two folders) would be two articles with one id.
  const seen = new Set<string>();
  loaded.articles = loaded.articles.filter((a) => {
    if (!seen.has(a.id)) return seen.add(a.id), true;
    loaded.errors.push(`${a.id}: a second article with this id was skipped (ids must be unique: a file's is its name, a JSON line's its "id")`);
    return false;
  });
  return loaded;
}

/**
 * Template lines learned from other articles of the same site(s) (`--chrome-from`), each error
 * printed and returned.
 *
 * @param paths - Files and folders of the site's articles.
 * @param io - Where errors go.
 * @returns The learned lines (undefined when no path is given) and the errors.
 */
export function learnSiteChrome(paths: readonly string[], io: CliIo): { learned: Set<string> | undefined; errors: string[] } {
  if (paths.length === 0) return { learned: undefined, errors: [] };
  const site = loadInputs(paths, io);
  for (const e of site.errors) io.stderr(`wiretrace: error: --chrome-from ${e}\n`);
  return { learned: learnChrome(site.articles.map((a) => (a.format === 'html' ? extractArticle(a.text).text : a.text))), errors: site.errors };
}
