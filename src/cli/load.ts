/**
 * Reading the command line's inputs: .txt and .html files, folders of them, and JSON Lines on
 * stdin. Every input that cannot be read is named in an error; the others are still read.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
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

function loadFile(path: string, loaded: Loaded): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    loaded.errors.push(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return;
  }
  if (size > MAX_FILE_BYTES) {
    loaded.errors.push(`${path}: ${size} bytes is more than the ${MAX_FILE_BYTES}-byte limit for one article`);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    loaded.errors.push(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return;
  }
  const text = decode(bytes, path, loaded.warnings);
  if (Array.isArray(text)) loaded.errors.push(...text);
  else {
    const html = /^\.html?$/i.test(extname(path));
    loaded.articles.push({ id: basename(path, extname(path)), text, ...(html ? { format: 'html' as const } : {}) });
  }
}

function loadJsonl(input: string, loaded: Loaded): void {
  // A UTF-8 byte-order mark before the first line is not part of it.
  (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).split(/\r?\n/).forEach((raw, i) => {
    const where = `stdin line ${i + 1}`;
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
      ...(html !== undefined ? { format: 'html' as const } : {}),
      ...(typeof v.outlet === 'string' ? { outlet: v.outlet } : {}),
      ...(typeof v.url === 'string' ? { url: v.url } : {}),
      ...(typeof v.publishedAt === 'string' ? { publishedAt: v.publishedAt } : {}),
    });
  });
}

/**
 * Reads every PATH (`-` is JSON Lines on stdin); ids must be unique.
 *
 * @param paths - Files, folders or `-`.
 * @param io - For stdin.
 * @returns Articles, errors and warnings.
 */
export function loadInputs(paths: readonly string[], io: CliIo): Loaded {
  const loaded: Loaded = { articles: [], errors: [], warnings: [] };
  for (const path of paths) {
    if (path === '-') {
      loadJsonl(io.readStdin(), loaded);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      loaded.errors.push(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    if (!isDir) {
      loadFile(path, loaded);
      continue;
    }
    const names = readdirSync(path)
      .filter((n) => /\.(txt|html?)$/i.test(n))
      .sort();
    if (names.length === 0) loaded.errors.push(`${path}: the folder holds no .txt or .html file`);
    for (const n of names) loadFile(join(path, n), loaded);
  }
  // Two files with one name (from two folders) would be two articles with one id.
  const seen = new Set<string>();
  loaded.articles = loaded.articles.filter((a) => {
    if (!seen.has(a.id)) return seen.add(a.id), true;
    loaded.errors.push(`${a.id}: a second article with this id was skipped (ids come from file names and must be unique)`);
    return false;
  });
  return loaded;
}
