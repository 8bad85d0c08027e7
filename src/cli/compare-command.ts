/**
 * `wiretrace compare`: inputs → `compareArticles` → the text, JSON or HTML report.
 *
 *   wiretrace compare PATH... [--reference ID]... [--json | --format text|json] [--color|--no-color]
 *
 * PATH is a .txt file, a folder (every .txt in it), or `-` for JSON Lines on standard input
 * ({"id": …, "text": …, "outlet"?: …} per line).
 */

import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addPart, compareStories, emptyReport, type StoryPart } from '../compare.js';
import { partsInWorkers } from '../parallel/pool.js';
import type { Article, CompareOptions, Report } from '../types.js';
import { renderHtml } from '../report/html.js';
import { formatReport } from '../report/text.js';
import { VERSION } from '../version.js';
import { INDEX_USAGE } from './index-command.js';
import { UsageError, optionError, reportFailure, type CliIo } from './io.js';
import { learnSiteChrome, loadInputs } from './load.js';

/** Usage of the command line. */
export const USAGE = `Usage: wiretrace compare PATH... [options]
       wiretrace index add|report|stats --store STORE ...   (wiretrace index --help)

Finds wire-agency copy reused across articles and reports, per outlet, what it kept,
reworded, added, cut and moved, whether it credits the agency, and a derivation verdict.

PATH        a .txt or .html file (its id is the file name without extension), a folder
            (every .txt and .html in it), a .jsonl file, or - for JSON Lines on stdin:
            {"id": "...", "text": "..."} or {"id": "...", "html": "..."} per line

Options:
  --reference ID   measure every article against article ID (the wire copy); give it again
                   for each of the agency's takes of the story: each is a version, and
                   every outlet is measured against the take it follows
  --chrome-from DIR  learn a site's template lines (footers, share bars) from other
                   articles of that site in DIR; may be repeated
  --json           write the JSON report (schema wiretrace/report@2)
  --format FORMAT  text (default), json, or jsonl: JSON Lines written as the stories are
                   compared (a header line with the limits met, then one line per story
                   or lone article: its story, documents and clusters), so a folder of any
                   size is held one story at a time
  --html FILE      also write the HTML report (one self-contained page) to FILE
  -o, --output FILE  write the report to FILE instead of standard output
  --full           print whole wire passages in the text report (not cut at 160 characters)
  --color          colour the text report (default on a terminal; NO_COLOR turns it off,
                   FORCE_COLOR on); --no-color to turn off
  -q, --quiet      print errors only (no warnings, no "wrote FILE")
  -j, --jobs N     compare stories in N worker threads (default: the machine's cores;
                   1, or fewer than 8 stories a thread: in the main thread); the output
                   is the same bytes either way
  -h, --help       show this help (wiretrace help index: the index commands)
  -v, --version    show the version

Exit status: 0 on success, 1 when an input could not be read (the others are still
compared), 2 on a usage error.
`;



/** Stories per worker thread below which they are compared in the main thread. */
const PARTS_PER_WORKER = 8;

const OPTIONS = ['reference', 'chrome-from', 'html', 'output', 'full', 'quiet', 'json', 'format', 'color', 'no-color', 'jobs', 'help', 'version'];

/**
 * Runs `wiretrace compare` (and the top-level help and version).
 *
 * @param io - Arguments and I/O.
 * @returns The exit status: 0 success, 1 some input failed, 2 usage error.
 */
export function runCompareCli(io: CliIo): number | Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        reference: { type: 'string', multiple: true },
        'chrome-from': { type: 'string', multiple: true },
        html: { type: 'string' },
        output: { type: 'string', short: 'o' },
        full: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // One line that names the option and the nearest one, not Node's parser text and the manual.
    io.stderr(`wiretrace: ${optionError(e as Error, OPTIONS)}\nwiretrace: see wiretrace --help\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  // `wiretrace help`, `wiretrace help index`, `wiretrace compare --help`.
  if (values.help === true || positionals[0] === 'help') {
    const topic = positionals[0] === 'help' ? positionals[1] : positionals[0];
    io.stdout(topic === 'index' ? INDEX_USAGE : USAGE);
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
    if (values.json === true && values.format !== undefined && values.format !== 'json')
      throw new UsageError(`--json and --format ${values.format} ask for two formats; give one`);
    const format = values.json === true ? 'json' : (values.format ?? 'text');
    if (format !== 'text' && format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be text, json or jsonl (got ${JSON.stringify(format)})`);
    if (format === 'jsonl' && values.html !== undefined) throw new UsageError('--html needs the whole report at once; give it with --json or the text report, not --format jsonl');
    const jobs = values.jobs === undefined ? (io.workers?.cores ?? 1) : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256 (got ${JSON.stringify(values.jobs)})`);
    const loaded = loadInputs(paths, io);
    const quiet = values.quiet === true;
    if (!quiet) for (const w of loaded.warnings) io.stderr(`wiretrace: warning: ${w}\n`);
    for (const e of loaded.errors) io.stderr(`wiretrace: error: ${e}\n`);
    if (loaded.articles.length === 0) {
      io.stderr('wiretrace: error: no article could be read\n');
      return 1;
    }
    if (loaded.articles.length === 1 && !quiet)
      io.stderr('wiretrace: warning: only one article was read: give two or more to compare, or name the wire copy with --reference\n');
    const references = values.reference ?? [];
    for (const r of references)
      if (!loaded.articles.some((a) => a.id === r)) throw new UsageError(`--reference ${JSON.stringify(r)} is not one of the articles read (${loaded.articles.map((a) => a.id).join(', ')})`);
    if (new Set(references).size !== references.length) throw new UsageError(`--reference names an article twice (${references.join(', ')})`);
    const reference = references.length === 0 ? undefined : references.length === 1 ? references[0]! : references;
    // Template lines learned from other articles of the same site(s).
    const { learned, errors: siteErrors } = learnSiteChrome(values['chrome-from'] ?? [], io);
    loaded.errors.push(...siteErrors);
    // On a terminal, a long run shows how far it is (stories aligned), redrawn in place.
    const showProgress = io.stderrIsTTY === true && !quiet && loaded.articles.length >= 200;
    let lastDraw = -Infinity;
    const now = io.now ?? ((): number => 0);
    const options: CompareOptions = {
      ...(reference !== undefined ? { reference } : {}),
      ...(learned !== undefined ? { chrome: { learned } } : {}),
      ...(showProgress
        ? {
            onProgress: (done: number, total: number) => {
              if (done < total && now() - lastDraw < 100) return;
              lastDraw = now();
              io.stderr(`\rwiretrace: ${loaded.articles.length} articles, ${done} of ${total} stories compared`);
              if (done === total) io.stderr('\n');
            },
          }
        : {}),
    };
    const failedBefore = loaded.errors.length > 0;
    const emit = (report: Report): number | Promise<number> => emitReport(report, loaded.articles, { format, html: values.html, output: values.output, quiet, full: values.full === true, color: colorOf(values, io), failedBefore }, io);
    const run = compareStories(loaded.articles, options);
    // Worker threads pay off when each has a few stories to compare; a handful runs here.
    const workers = io.workers === undefined ? 1 : Math.min(jobs, Math.floor(run.total / PARTS_PER_WORKER));
    if (io.workers !== undefined && workers > 1) {
      // Stories in worker threads: the same parts, given back in story order.
      const counted = countParts(partsInWorkers(run.tasks, run.context, workers, io.workers.url), run.total, options.onProgress);
      if (format === 'jsonl') return writeLinesAsync(run, counted, values.output, quiet, failedBefore, io);
      return collect(run, counted, loaded.articles.length).then(emit, (e: Error) => reportFailure(e, USAGE, io));
    }
    // To a standard output that pushes back, the lines wait for it as they go.
    if (format === 'jsonl')
      return values.output === undefined && io.stdoutDrain !== undefined ? writeLinesAsync(run, run.parts, values.output, quiet, failedBefore, io) : writeLines(run, values.output, quiet, failedBefore, io);
    const report = emptyReport(loaded.articles.length, run.limits);
    for (const part of run.parts) addPart(report, part);
    return emit(report);
  } catch (e) {
    return reportFailure(e, USAGE, io);
  }
}

/** The colour choice: the flags, then NO_COLOR and FORCE_COLOR, then whether stdout is a terminal. */
function colorOf(values: { 'no-color'?: boolean; color?: boolean; output?: string }, io: CliIo): boolean {
  const env = io.env ?? {};
  return values['no-color'] === true
    ? false
    : values.color === true
      ? true
      : env.NO_COLOR !== undefined && env.NO_COLOR !== ''
        ? false
        : env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'
          ? true
          : io.isTTY === true && values.output === undefined;
}

/** Parts as they come, with the progress callback told after each. */
async function* countParts(parts: AsyncGenerator<StoryPart>, total: number, onProgress: CompareOptions['onProgress']): AsyncGenerator<StoryPart> {
  let done = 0;
  onProgress?.(0, total);
  for await (const part of parts) {
    yield part;
    onProgress?.(++done, total);
  }
}

/** The whole report from the parts, as compareArticles assembles it. */
async function collect(run: ReturnType<typeof compareStories>, parts: AsyncIterable<StoryPart>, n: number): Promise<Report> {
  const report = emptyReport(n, run.limits);
  for await (const part of parts) addPart(report, part);
  return report;
}

/** What {@link emitReport} writes, and where. */
interface EmitSettings {
  readonly format: string;
  readonly html: string | undefined;
  readonly output: string | undefined;
  readonly quiet: boolean;
  readonly full: boolean;
  readonly color: boolean;
  readonly failedBefore: boolean;
}

/** Writes the report (text or JSON, and the HTML page if asked) and says what failed. */
function emitReport(report: Report, articles: readonly Article[], o: EmitSettings, io: CliIo): number | Promise<number> {
  try {
    let failed = o.failedBefore;
    for (const d of report.documents)
      for (const w of d.warnings ?? []) {
        io.stderr(`wiretrace: error: ${d.id}: ${w}\n`);
        failed = true;
      }
    if (o.html !== undefined) {
      try {
        writeFileSync(o.html, renderHtml(report, articles));
      } catch (e) {
        io.stderr(`wiretrace: error: cannot write ${o.html} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
        return 1;
      }
      if (!o.quiet) io.stderr(`wiretrace: wrote ${o.html}\n`);
    }
    // The JSON report is written piece by piece (the bytes of JSON.stringify(report, null, 2)):
    // a 10,000-article report as one string doubled the peak memory.
    const pieces = o.format === 'json' ? jsonPieces(report) : [formatReport(report, articles, { color: o.color, ...(o.full ? { excerpt: Number.MAX_SAFE_INTEGER } : {}) })];
    if (o.output !== undefined) {
      let fd: number | null = null;
      try {
        fd = openSync(o.output, 'w');
        for (const piece of pieces) writeSync(fd, piece);
      } catch (e) {
        io.stderr(`wiretrace: error: cannot write ${o.output} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
        return 1;
      } finally {
        if (fd !== null) closeSync(fd);
      }
      if (!o.quiet) io.stderr(`wiretrace: wrote ${o.output}\n`);
    } else if (io.stdoutDrain !== undefined) {
      const drain = io.stdoutDrain;
      const write = async (): Promise<number> => {
        for (const piece of pieces) {
          io.stdout(piece);
          await drain();
        }
        return failed ? 1 : 0;
      };
      return write().catch((e: unknown) => reportFailure(e, USAGE, io));
    } else for (const piece of pieces) io.stdout(piece);
    return failed ? 1 : 0;
  } catch (e) {
    return reportFailure(e, USAGE, io);
  }
}

/**
 * Where `--format jsonl` lines go: the output file (opened when the sink is made) or stdout.
 * Each part's documents' warnings are said on stderr as the part is written.
 */
class LineSink {
  failed: boolean;
  private readonly fd: number | null;

  constructor(
    private readonly output: string | undefined,
    private readonly io: CliIo,
    failedBefore: boolean,
  ) {
    this.failed = failedBefore;
    this.fd = output === undefined ? null : openSync(output, 'w');
  }

  header(run: { total: number; limits: Report['limits'] }): void {
    this.line(JSON.stringify({ schema: 'wiretrace/report-lines@2', generator: `wiretrace ${VERSION}`, stories: run.total, limits: run.limits }));
  }

  part(part: StoryPart): void {
    for (const d of part.documents)
      for (const w of d.warnings ?? []) {
        this.io.stderr(`wiretrace: error: ${d.id}: ${w}\n`);
        this.failed = true;
      }
    this.line(JSON.stringify({ story: part.story, documents: part.documents, clusters: part.clusters }));
  }

  close(quiet: boolean): number {
    if (this.fd !== null) closeSync(this.fd);
    if (this.output !== undefined && !quiet) this.io.stderr(`wiretrace: wrote ${this.output}\n`);
    return this.failed ? 1 : 0;
  }

  private line(text: string): void {
    if (this.fd === null) this.io.stdout(text + '\n');
    else writeSync(this.fd, text + '\n');
  }
}

/** `--format jsonl`, in this thread: a header line, then each story's part as it is compared. */
function writeLines(run: ReturnType<typeof compareStories>, output: string | undefined, quiet: boolean, failedBefore: boolean, io: CliIo): number {
  try {
    const sink = new LineSink(output, io, failedBefore);
    sink.header(run);
    for (const part of run.parts) sink.part(part);
    return sink.close(quiet);
  } catch (e) {
    io.stderr(`wiretrace: error: ${(e as Error).message}\n`);
    return 1;
  }
}

/**
 * `--format jsonl` from worker threads (the same lines, as the parts come back in order), or
 * to a standard output that pushes back.
 */
async function writeLinesAsync(run: ReturnType<typeof compareStories>, parts: AsyncIterable<StoryPart> | Iterable<StoryPart>, output: string | undefined, quiet: boolean, failedBefore: boolean, io: CliIo): Promise<number> {
  try {
    const sink = new LineSink(output, io, failedBefore);
    const drain = output === undefined ? io.stdoutDrain : undefined;
    sink.header(run);
    await drain?.();
    for await (const part of parts) {
      sink.part(part);
      await drain?.();
    }
    return sink.close(quiet);
  } catch (e) {
    io.stderr(`wiretrace: error: ${(e as Error).message}\n`);
    return 1;
  }
}

/** `JSON.stringify(report, null, 2) + "\\n"`, a document or cluster at a time. */
function* jsonPieces(report: Report): Generator<string> {
  yield `{\n  "schema": ${JSON.stringify(report.schema)},\n  "generator": ${JSON.stringify(report.generator)}`;
  for (const key of ['documents', 'clusters', 'stories', 'limits'] as const) {
    const list: readonly unknown[] = report[key];
    if (list.length === 0) {
      yield `,\n  "${key}": []`;
      continue;
    }
    yield `,\n  "${key}": [`;
    for (let i = 0; i < list.length; i++) yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(list[i], null, 2).replace(/\n/g, '\n    ')}`;
    yield '\n  ]';
  }
  yield '\n}\n';
}
