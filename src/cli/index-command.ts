/**
 * `wiretrace index …`: the streaming index for content pipelines, in the shape of unix tools.
 *
 *   wiretrace index add --store PATH|redis://host:port [--namespace NS] [--window-days N]
 *       JSON Lines on stdin ({"id", "text" | "html", "outlet"?, "url"?, "publishedAt"?}),
 *       one JSON result per line on stdout, in order; a bad line gets {"line", "error"}
 *   wiretrace index report STORY --store … [--json] [--html FILE]
 *   wiretrace index stats --store …
 */

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LmdbWireStore, openLmdbWireStore } from '../feed/stores/lmdb.js';
import { openRedisWireStore } from '../feed/stores/redis.js';
import type { WireStore } from '../feed/stores/store.js';
import type { FeedArticle, WireIndex } from '../feed/types.js';
import { createWireIndex } from '../feed/wire-index.js';
import { renderHtml } from '../report/html.js';
import { formatReport } from '../report/text.js';
import { VERSION } from '../version.js';
import { UsageError, optionError, reportFailure, type CliIo } from './io.js';
import { MAX_FILE_BYTES, learnSiteChrome } from './load.js';

/** Usage of the index commands. */
export const INDEX_USAGE = `Usage: wiretrace index add --store STORE [--namespace NS] [--window-days N] [--chrome-from DIR] [--revisions] < articles.jsonl
       wiretrace index report STORY --store STORE [--json] [--html FILE] [--chrome-from DIR]
       wiretrace index stats --store STORE
       wiretrace index list [--story STORY] [--since DATE] --store STORE
       wiretrace index remove ID... --store STORE
       wiretrace index expire --store STORE [--window-days N]

STORE is a folder (an on-disk index; created if missing) or redis://host:port[/db]
(an index shared by every worker that names it; needs the ioredis package).

index add reads JSON Lines on stdin, one article per line:
  {"id": "...", "text": "..." | "html": "...", "outlet"?: "...", "url"?: "...", "publishedAt"?: "..."}
and writes one JSON result per line on stdout, in order: the story it joined, its verdict,
derived share, credit and matches; a line that cannot be read gets {"line": N, "error": "..."}
(and the exit status is 1 at the end). With a terminal on stderr, a progress line shows there.
Every result is provisional: later articles of its story can change it. With --revisions, an
earlier article they change gets a line of its own after the arrival's, {"revision": true, ...}
with the same fields, as it now stands.

--chrome-from DIR learns a site's template lines (footers, share bars) from other articles of
that site, as compare does, so they join no stories; give the same to add and report.
`;


async function openStore(spec: string | undefined, namespace: string | undefined, readOnly: boolean): Promise<WireStore> {
  if (spec === undefined) throw new UsageError('--store is required (a folder, or redis://host:port)');
  if (/^rediss?:\/\//.test(spec)) return openRedisWireStore(spec, namespace !== undefined ? { namespace } : {});
  if (namespace !== undefined) throw new UsageError('--namespace applies to a Redis store only');
  // Readers (report, stats) never write the store nor take the writer's lock.
  return openLmdbWireStore(spec, { readOnly });
}

/**
 * Runs `wiretrace index …`.
 *
 * @param argv - Arguments after `index`.
 * @param io - I/O (`stdinLines` streams the feed).
 * @returns The exit status.
 */
export async function runIndexCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        store: { type: 'string' },
        story: { type: 'string' },
        'chrome-from': { type: 'string', multiple: true },
        revisions: { type: 'boolean' },
        since: { type: 'string' },
        namespace: { type: 'string' },
        'window-days': { type: 'string' },
        json: { type: 'boolean' },
        html: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (e) {
    io.stderr(`wiretrace: ${optionError(e as Error, ['store', 'story', 'since', 'chrome-from', 'revisions', 'namespace', 'window-days', 'json', 'html', 'help', 'version'])}\nwiretrace: see wiretrace index --help\n`);
    return 2;
  }
  if (values.help === true || positionals[0] === 'help') {
    io.stdout(INDEX_USAGE);
    return 0;
  }
  if (values.version === true) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  let index: WireIndex | undefined;
  try {
    if (!['add', 'report', 'stats', 'list', 'remove', 'expire'].includes(command ?? ''))
      throw new UsageError(command === undefined ? 'index needs a command: add, report, stats, list, remove or expire' : `unknown index command ${JSON.stringify(command)}`);
    let windowMs: number | undefined;
    if (values['window-days'] !== undefined) {
      const days = Number(values['window-days']);
      if (!Number.isFinite(days) || days <= 0) throw new UsageError(`--window-days must be a positive number (got ${JSON.stringify(values['window-days'])})`);
      windowMs = days * 86_400_000;
    }
    // Template lines learned from other articles of the same site(s), before any store is opened.
    const { learned, errors: siteErrors } = learnSiteChrome(values['chrome-from'] ?? [], io);
    if (siteErrors.length > 0) return 1;
    const store = await openStore(values.store, values.namespace, command === 'report' || command === 'stats' || command === 'list');
    // A recovery is never silent: what was dropped is said, and the exit status says it too.
    const recovered = store instanceof LmdbWireStore ? store.recovered : 0;
    if (store instanceof LmdbWireStore && store.migrated > 0)
      io.stderr(`wiretrace: ${values.store}: moved ${store.migrated} article${store.migrated === 1 ? '' : 's'} from the older journal (journal.jsonl, kept as journal.jsonl.migrated) into the database\n`);
    if (recovered > 0)
      io.stderr(`wiretrace: warning: ${values.store}: dropped ${recovered} cut-short line${recovered === 1 ? '' : 's'} at the end of the journal (a write interrupted by a crash or a full disk); the articles in ${recovered === 1 ? 'it were' : 'them were'} not acknowledged\n`);
    index = createWireIndex({ store, ...(windowMs !== undefined ? { windowMs } : {}), ...(learned !== undefined ? { chrome: { learned } } : {}) });
    if (command === 'stats') {
      io.stdout(JSON.stringify(await index.stats()) + '\n');
      return 0;
    }
    if (command === 'list') {
      if (values.since !== undefined && !Number.isFinite(Date.parse(values.since))) throw new UsageError(`--since must be an ISO 8601 date (got ${JSON.stringify(values.since)})`);
      const filter = { ...(values.story !== undefined ? { story: values.story } : {}), ...(values.since !== undefined ? { since: values.since } : {}) };
      for (const a of await index.list(filter)) io.stdout(JSON.stringify(a) + '\n');
      return 0;
    }
    if (command === 'remove') {
      if (rest.length === 0) throw new UsageError('index remove needs one or more article ids');
      let missing = 0;
      for (const id of rest) {
        if (await index.remove(id)) io.stdout(JSON.stringify({ id, removed: true }) + '\n');
        else {
          missing++;
          io.stderr(`wiretrace: error: no article ${JSON.stringify(id)} in the index\n`);
        }
      }
      return missing > 0 ? 1 : 0;
    }
    if (command === 'expire') {
      io.stdout(JSON.stringify({ removed: await index.expire() }) + '\n');
      return 0;
    }
    if (command === 'report') {
      const story = rest[0];
      if (story === undefined) throw new UsageError('index report needs a STORY id');
      const report = await index.report(story);
      if (report.documents.length === 0) {
        io.stderr(`wiretrace: error: no story ${JSON.stringify(story)} in the index\n`);
        return 1;
      }
      if (values.html !== undefined) writeFileSync(values.html, renderHtml(report));
      const articles = report.documents.map((d) => ({ id: d.id, text: d.text ?? '' }));
      io.stdout(values.json === true ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, articles));
      return 0;
    }
    // add: one result per input line, in order; a bad line never stops the feed.
    if (io.stdinLines === undefined) throw new UsageError('index add reads JSON Lines on stdin');
    let n = 0;
    let failed = 0;
    const started = io.now?.() ?? 0;
    for await (const line of io.stdinLines()) {
      n++;
      // A UTF-8 byte-order mark before the first line is not part of it.
      const raw = n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
      if (raw.trim().length === 0) continue;
      let result: string;
      try {
        if (raw.length > MAX_FILE_BYTES) throw new Error(`the line is ${raw.length} characters, more than the ${MAX_FILE_BYTES} limit for one article`);
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (e) {
          throw new Error(`not valid JSON (${(e as Error).message})`);
        }
        // As compare does with files: an article of white space only is refused, by its line.
        const body = (value as { text?: unknown; html?: unknown } | null) ?? {};
        const given = typeof body.text === 'string' ? body.text : typeof body.html === 'string' ? body.html : null;
        if (given !== null && given.trim().length === 0) throw new Error(`article ${JSON.stringify((value as { id?: unknown }).id)} has an empty text`);
        if (values.revisions === true) {
          const { revisions, ...r } = await index.add(value as FeedArticle, { revisions: true });
          result = [JSON.stringify(r), ...(revisions ?? []).map((v) => JSON.stringify({ revision: true, ...v }))].join('\n');
        } else result = JSON.stringify(await index.add(value as FeedArticle));
      } catch (e) {
        failed++;
        const error = (e as Error).message;
        io.stderr(`wiretrace: error: stdin line ${n}: ${error}\n`);
        result = JSON.stringify({ line: n, error });
      }
      io.stdout(result + '\n');
      if (io.stderrIsTTY === true && io.now !== undefined && n % 50 === 0) {
        const secs = (io.now() - started) / 1000;
        io.stderr(`\r${n} articles, ${(n / Math.max(secs, 1e-3)).toFixed(1)}/s`);
      }
    }
    if (io.stderrIsTTY === true) io.stderr(`\r${n} articles done${' '.repeat(20)}\n`);
    return failed > 0 || recovered > 0 ? 1 : 0;
  } catch (e) {
    return reportFailure(e, INDEX_USAGE, io);
  } finally {
    await index?.close().catch(() => undefined);
  }
}
