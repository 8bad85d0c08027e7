/**
 * The `wiretrace` command line as a function: argv → library calls → output. It takes all its
 * I/O as arguments (`CliIo`), so tests drive it and only `src/cli.ts` touches `process`.
 *
 *   wiretrace compare PATH... [--reference ID] [--json | --format text|json] [--color|--no-color]
 *
 * PATH is a .txt file, a folder (every .txt in it), or `-` for JSON Lines on standard input
 * ({"id": …, "text": …, "outlet"?: …} per line).
 */

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { learnChrome } from '../chrome/index.js';
import { UsageError, reportFailure } from './failure.js';
import { INDEX_USAGE, runIndexCli } from './index-cmd.js';
import { extractArticle } from '../extract/index.js';
import { compareArticles } from '../report/compare.js';
import { renderHtml } from '../report/html.js';
import { formatReport } from '../report/text.js';
import type { Article } from '../types.js';
import { VERSION } from '../version.js';

/** What `runCli` reads and writes. */
export interface CliIo {
  /** Arguments after the program name. */
  argv: readonly string[];
  /** Standard input, read whole (only when a PATH is `-`). */
  readStdin: () => string;
  /** Writes to standard output. */
  stdout: (s: string) => void;
  /** Writes to standard error. */
  stderr: (s: string) => void;
  /** Whether standard output is a terminal (colours on by default). */
  isTTY?: boolean;
  /** Standard input as a stream of lines (for `index add`, which must not wait for the end). */
  stdinLines?: () => AsyncIterable<string>;
  /** Whether standard error is a terminal (progress lines). */
  stderrIsTTY?: boolean;
  /** Clock in ms, for rates. */
  now?: () => number;
}

/** Largest input file read, in bytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const USAGE = `Usage: wiretrace compare PATH... [options]
       wiretrace index add|report|stats --store STORE ...   (wiretrace index --help)

Finds wire-agency copy reused across articles and reports, per outlet, what it kept,
reworded, added, cut and moved, whether it credits the agency, and a derivation verdict.

PATH        a .txt or .html file (its id is the file name without extension), a folder
            (every .txt and .html in it), or - for JSON Lines on stdin:
            {"id": "...", "text": "..."} or {"id": "...", "html": "..."} per line

Options:
  --reference ID   measure every article against article ID (the wire copy)
  --chrome-from DIR  learn a site's template lines (footers, share bars) from other
                   articles of that site in DIR; may be repeated
  --json           write the JSON report (schema wiretrace/report@1)
  --format FORMAT  text (default) or json
  --html FILE      also write the HTML report (one self-contained page) to FILE
  --color          colour the text report (default on a terminal); --no-color to turn off
  -h, --help       show this help
  -v, --version    show the version

Exit status: 0 on success, 1 when an input could not be read (the others are still
compared), 2 on a usage error.
`;


interface Loaded {
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
  input.split(/\r?\n/).forEach((raw, i) => {
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

function loadInputs(paths: readonly string[], io: CliIo): Loaded {
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

/**
 * Runs any command, `index …` included (which streams, so this returns a promise).
 *
 * @param io - Arguments and I/O.
 * @returns The exit status.
 */
export async function runCliAsync(io: CliIo): Promise<number> {
  if (io.argv[0] === 'index') return runIndexCli(io.argv.slice(1), io);
  return runCli(io);
}

/**
 * Runs the command line (`compare`, help, version).
 *
 * @param io - Arguments and I/O.
 * @returns The exit status: 0 success, 1 some input failed, 2 usage error.
 */
export function runCli(io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        reference: { type: 'string' },
        'chrome-from': { type: 'string', multiple: true },
        html: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`wiretrace: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(positionals[0] === 'index' ? INDEX_USAGE : USAGE);
    return 0;
  }
  if (values.version === true) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    const [command, ...paths] = positionals;
    if (command !== 'compare') throw new UsageError(command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`);
    if (paths.length === 0) throw new UsageError('compare needs at least one PATH (a file, a folder, or - for JSONL on stdin)');
    const format = values.json === true ? 'json' : (values.format ?? 'text');
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got ${JSON.stringify(format)})`);
    const loaded = loadInputs(paths, io);
    for (const w of loaded.warnings) io.stderr(`wiretrace: warning: ${w}\n`);
    for (const e of loaded.errors) io.stderr(`wiretrace: error: ${e}\n`);
    if (loaded.articles.length === 0) {
      io.stderr('wiretrace: error: no article could be read\n');
      return 1;
    }
    const reference = values.reference;
    if (reference !== undefined && !loaded.articles.some((a) => a.id === reference))
      throw new UsageError(`--reference ${JSON.stringify(reference)} is not one of the articles read (${loaded.articles.map((a) => a.id).join(', ')})`);
    // Template lines learned from other articles of the same site(s).
    const learnFrom = values['chrome-from'] ?? [];
    let learned: Set<string> | undefined;
    if (learnFrom.length > 0) {
      const site = loadInputs(learnFrom, io);
      for (const e of site.errors) io.stderr(`wiretrace: error: --chrome-from ${e}\n`);
      if (site.errors.length > 0) loaded.errors.push(...site.errors);
      learned = learnChrome(site.articles.map((a) => (a.format === 'html' ? extractArticle(a.text).text : a.text)));
    }
    const report = compareArticles(loaded.articles, {
      ...(reference !== undefined ? { reference } : {}),
      ...(learned !== undefined ? { chrome: { learned } } : {}),
    });
    let failed = loaded.errors.length > 0;
    for (const d of report.documents)
      for (const w of d.warnings ?? []) {
        io.stderr(`wiretrace: error: ${d.id}: ${w}\n`);
        failed = true;
      }
    const color = values['no-color'] === true ? false : values.color === true ? true : io.isTTY === true;
    if (values.html !== undefined) {
      try {
        writeFileSync(values.html, renderHtml(report, loaded.articles));
      } catch (e) {
        io.stderr(`wiretrace: error: cannot write ${values.html} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
        return 1;
      }
      io.stderr(`wiretrace: wrote ${values.html}\n`);
    }
    io.stdout(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, loaded.articles, { color }));
    return failed ? 1 : 0;
  } catch (e) {
    return reportFailure(e, USAGE, io);
  }
}
