import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from './fixtures/corpus.js';
import { runCliAsync } from '../src/cli/main.js';
import type { IndexResult, Report } from '../src/index.js';
import { killAfterAcknowledged, seeds } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const generated = generateCorpus({ stories: 3, outletsPerStory: 3, unrelated: 3, seed: 44 });
const feed = [...seeds().map((a) => ({ id: a.id, text: a.text })), ...generated.map((a) => ({ id: a.id, text: a.text, outlet: a.outlet }))];
const jsonl = feed.map((a) => JSON.stringify(a)).join('\n') + '\n';

async function run(argv: string[], lines: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCliAsync({
    argv,
    readStdin: () => lines.join('\n'),
    stdinLines: async function* () {
      yield* lines;
    },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wiretrace-index-'));
}

describe('cli index', () => {
  it('should group a piped feed: the four AFP-derived seeds in one story, 003 apart, each generated family its own', () => {
    const dir = tempDir();
    const res = spawnSync(process.execPath, [cli, 'index', 'add', '--store', dir], { input: jsonl, encoding: 'utf8' });
    expect(res.status).toBe(0);
    const results = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(results.map((r) => r.id)).toEqual(feed.map((a) => a.id));
    // Stories as they stand at the end: ask the index again (a merge may move early articles).
    const again = spawnSync(process.execPath, [cli, 'index', 'add', '--store', dir], { input: jsonl, encoding: 'utf8' });
    const final = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(final.every((r) => r.alreadyIndexed)).toBe(true);
    const story = (prefix: string) => final.find((r) => r.id.startsWith(prefix))!.story;
    expect(new Set(['000', '001', '002', '004'].map(story)).size).toBe(1);
    expect(story('003')).not.toBe(story('001'));
    expect(final.find((r) => r.id.startsWith('003'))!.verdict).toBe('non-derived');
    for (let s = 0; s < 3; s++) {
      const family = generated.filter((a) => a.story === `st${s}`).map((a) => final.find((r) => r.id === a.id)!.story);
      expect(new Set(family).size).toBe(1);
      expect(family[0]).not.toBe(story('001'));
    }
    const stats = JSON.parse(spawnSync(process.execPath, [cli, 'index', 'stats', '--store', dir], { encoding: 'utf8' }).stdout) as { articles: number };
    expect(stats.articles).toBe(feed.length);
  });

  it('should answer every line in order, with an error record naming a bad line, and exit 1 at the end', async () => {
    const dir = tempDir();
    const lines = [JSON.stringify(feed[1]), '{not json', JSON.stringify({ id: 'no-text' }), '', JSON.stringify(feed[4])];
    const { code, out, err } = await run(['index', 'add', '--store', dir], lines);
    expect(code).toBe(1);
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.id ?? `line ${r.line}`)).toEqual([feed[1]!.id, 'line 2', 'line 3', feed[4]!.id]);
    expect(records[1]!.error).toMatch(/^not valid JSON/);
    expect(records[2]!.error).toBe('article "no-text" needs exactly one of "text" and "html" as a string.');
    expect(err).toContain('stdin line 2: not valid JSON');
    expect(records[3]!.story).toBe(records[0]!.story);
  });

  it('should report a story and print stats', async () => {
    const dir = tempDir();
    const added = await run(['index', 'add', '--store', dir], [JSON.stringify(feed[1]), JSON.stringify(feed[4])]);
    const story = (JSON.parse(added.out.split('\n')[0]!) as IndexResult).story;
    const text = await run(['index', 'report', story, '--store', dir]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^wiretrace report: 2 documents, 1 story/);
    expect(text.out).toContain(`\nStory ${story} — 2 documents`);
    const json = JSON.parse((await run(['index', 'report', story, '--store', dir, '--json'])).out) as Report;
    expect(json.documents.map((d) => d.id)).toEqual([feed[1]!.id, feed[4]!.id]);
    expect((await run(['index', 'report', 's999', '--store', dir])).code).toBe(1);
    expect(JSON.parse((await run(['index', 'stats', '--store', dir])).out)).toEqual({ articles: 2, stories: 1, store: 'lmdb' });
  });

  it('should list, remove and expire articles, and say the provisional verdict and uncredited reuse', async () => {
    const dir = tempDir();
    const four = [...generated.filter((a) => a.story === 'st0').slice(0, 2), ...generated.filter((a) => a.story === 'st1').slice(0, 2)];
    const lines = four.map((a) => JSON.stringify({ id: a.id, text: a.text, outlet: a.outlet, publishedAt: '2020-01-01T00:00:00Z' }));
    const added = (await run(['index', 'add', '--store', dir], lines)).out.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(added.every((r) => r.provisional === true && typeof r.uncreditedReuse === 'boolean')).toBe(true);
    expect(added.map((r) => r.outlet)).toEqual(four.map((a) => a.outlet));
    for (const r of added) expect(r.uncreditedReuse).toBe(r.verdict !== 'non-derived' && !r.credited);
    const listed = (await run(['index', 'list', '--store', dir])).out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string });
    expect(listed.map((a) => a.id).sort()).toEqual(four.map((a) => a.id).sort());
    const one = listed[0]!.story;
    const ofOne = (await run(['index', 'list', '--story', one, '--store', dir])).out.trim().split('\n').map((l) => JSON.parse(l) as { story: string });
    expect(ofOne.every((a) => a.story === one)).toBe(true);
    expect(ofOne.length).toBe(listed.filter((a) => a.story === one).length);
    expect((await run(['index', 'list', '--since', '2020-01-02', '--store', dir])).out).toBe('');
    expect((await run(['index', 'list', '--since', '2019-12-31T23:00:00Z', '--store', dir])).out.trim().split('\n')).toHaveLength(4);
    const badSince = await run(['index', 'list', '--since', 'yesterday', '--store', dir]);
    expect([badSince.code, badSince.err]).toEqual([2, expect.stringContaining('--since must be an ISO 8601 date (got "yesterday")')]);
    // A later story keeps its index id in its report (the comparison alone would call it s1).
    const later = listed.find((a) => a.story !== 's1')!.story;
    expect((await run(['index', 'report', later, '--store', dir])).out).toContain(`\nStory ${later} — `);
    const removed = await run(['index', 'remove', listed[0]!.id, 'nope', '--store', dir]);
    expect(removed.code).toBe(1);
    expect(removed.out).toBe(JSON.stringify({ id: listed[0]!.id, removed: true }) + '\n');
    expect(removed.err).toContain('no article "nope" in the index');
    expect(JSON.parse((await run(['index', 'stats', '--store', dir])).out).articles).toBe(3);
    // Published in 2020, so a one-day window expires all three that are left.
    expect(JSON.parse((await run(['index', 'expire', '--store', dir, '--window-days', '1'])).out)).toEqual({ removed: 3 });
    expect((await run(['index', 'list', '--store', dir])).out).toBe('');
    expect((await run(['index', 'remove', '--store', dir])).err).toContain('index remove needs one or more article ids');
  });

  it('should follow each result with revision lines that bring earlier articles up to date (--revisions)', async () => {
    const dir = tempDir();
    const lines = jsonl.trim().split('\n');
    const out = (await run(['index', 'add', '--revisions', '--store', dir], lines)).out.trim().split('\n').map((l) => JSON.parse(l) as IndexResult & { revision?: true });
    expect(out.filter((r) => r.revision !== true).map((r) => r.id)).toEqual(feed.map((a) => a.id));
    expect(out.some((r) => r.revision === true)).toBe(true);
    const key = (r: IndexResult) => [r.story, r.verdict, r.derivedShare, r.credited, r.alteredQuotes, r.changedNumbers];
    const said = new Map(out.map((r) => [r.id, key(r)]));
    // Adding the feed again says what each article is now, without changing anything.
    const final = (await run(['index', 'add', '--store', dir], lines)).out.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(final.every((r) => r.alreadyIndexed)).toBe(true);
    expect(Object.fromEntries(said)).toEqual(Object.fromEntries(final.map((r) => [r.id, key(r)])));
  });

  it("should learn a site's footer with --chrome-from, so it joins no stories", async () => {
    // A footer of short template lines (what learning takes; full sentences it leaves to the wire).
    const footer = [
      'Subscribe to the Daily Planet morning briefing and the evening newsletter',
      'Follow the Daily Planet newsroom on every social network for breaking updates',
      'Daily Planet Media Group, 1938 Planet Plaza, Metropolis, all rights reserved worldwide',
      'Advertise with the Daily Planet across its print, radio and digital editions',
      'Contact the Daily Planet newsroom with tips, corrections and letters to the editor',
    ].join('\n');
    const firsts = ['st0', 'st1', 'st2'].map((s) => generated.find((a) => a.story === s)!);
    const lines = firsts.map((a) => JSON.stringify({ id: a.id, text: `${a.text.split('\n\n').slice(0, 2).join('\n\n')}\n\n${footer}` }));
    const site = tempDir();
    for (const [i, topic] of ['Council budget approved after long debate.', 'Local team wins the county cup final.', 'New library opens its doors on Main Street.'].entries())
      writeFileSync(join(site, `site-${i}.txt`), `${topic}\n\n${footer}\n`);
    const storiesOf = (out: string): number => new Set(out.trim().split('\n').map((l) => (JSON.parse(l) as IndexResult).story)).size;
    expect(storiesOf((await run(['index', 'add', '--store', tempDir()], lines)).out)).toBe(1);
    const dir = tempDir();
    expect(storiesOf((await run(['index', 'add', '--store', dir, '--chrome-from', site], lines)).out)).toBe(3);
    const missing = await run(['index', 'add', '--store', tempDir(), '--chrome-from', join(site, 'nope')], lines);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--chrome-from');
    expect(missing.err).toContain('nope');
  });

  it('should lose nothing acknowledged when kill -9 strikes again and again, and end with the stories of one clean run', async () => {
    const dir = tempDir();
    const lines = jsonl.trim().split('\n');
    // Each worker is killed after its n-th answer; the next one reads the feed again from the start.
    let acknowledged = 0;
    for (const n of [3, 5, 7]) {
      await killAfterAcknowledged(cli, ['index', 'add', '--store', dir], lines, n);
      const stats = JSON.parse(spawnSync(process.execPath, [cli, 'index', 'stats', '--store', dir], { encoding: 'utf8' }).stdout) as { articles: number };
      // What was acknowledged before is still there, and each worker added what it answered.
      expect(stats.articles).toBeGreaterThanOrEqual(Math.max(acknowledged, n));
      acknowledged = stats.articles;
    }
    const last = spawnSync(process.execPath, [cli, 'index', 'add', '--store', dir], { input: jsonl, encoding: 'utf8' });
    expect(last.status).toBe(0);
    const clean = tempDir();
    spawnSync(process.execPath, [cli, 'index', 'add', '--store', clean], { input: jsonl, encoding: 'utf8' });
    const listed = (store: string) =>
      spawnSync(process.execPath, [cli, 'index', 'list', '--store', store], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; story: string });
    const partitionOf = (rows: Array<{ id: string; story: string }>) => {
      const by = new Map<string, string[]>();
      for (const r of rows) by.set(r.story, [...(by.get(r.story) ?? []), r.id]);
      return [...by.values()].map((ids) => ids.sort().join(' ')).sort();
    };
    expect(partitionOf(listed(dir))).toEqual(partitionOf(listed(clean)));
    expect(listed(dir)).toHaveLength(feed.length);
  });

  it('should resume a killed worker on an on-disk store without loss or duplicates', async () => {
    const dir = tempDir();
    await killAfterAcknowledged(cli, ['index', 'add', '--store', dir], jsonl.trim().split('\n'), 4);
    const mid = JSON.parse(spawnSync(process.execPath, [cli, 'index', 'stats', '--store', dir], { encoding: 'utf8' }).stdout) as { articles: number };
    expect(mid.articles).toBe(4);
    const again = spawnSync(process.execPath, [cli, 'index', 'add', '--store', dir], { input: jsonl, encoding: 'utf8' });
    expect(again.status).toBe(0);
    const results = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as IndexResult);
    expect(results.filter((r) => r.alreadyIndexed)).toHaveLength(mid.articles);
    const end = JSON.parse(spawnSync(process.execPath, [cli, 'index', 'stats', '--store', dir], { encoding: 'utf8' }).stdout) as { articles: number };
    expect(end.articles).toBe(feed.length);
  });

  it('should explain usage errors', async () => {
    expect((await run(['index', 'add'])).err).toContain('--store is required');
    expect((await run(['index', 'frob', '--store', tempDir()])).err).toContain('unknown index command "frob"');
    expect((await run(['index', 'add', '--store', tempDir(), '--window-days', 'x'])).code).toBe(2);
    expect((await run(['index', '--help'])).out).toContain('Usage: wiretrace index add');
    expect((await run(['index', 'stats', '--store', 'redis://127.0.0.1:1'])).err).toContain('Cannot connect to Redis at redis://127.0.0.1:1');
  });
});

describe('cli index progress', () => {
  it('should show a progress line on a terminal and stay silent otherwise', async () => {
    const lines = feed.slice(0, 3).map((a) => JSON.stringify(a));
    const many = Array.from({ length: 50 }, (_, i) => lines[i % 3]!.replace(/"id":"([^"]*)"/, `"id":"$1-${i}"`));
    const runWith = async (tty: boolean): Promise<string> => {
      let err = '';
      let clock = 0;
      await runCliAsync({
        argv: ['index', 'add', '--store', tempDir()],
        readStdin: () => '',
        stdinLines: async function* () {
          yield* many;
        },
        stdout: () => undefined,
        stderr: (s) => (err += s),
        stderrIsTTY: tty,
        now: () => (clock += 10),
      });
      return err;
    };
    expect(await runWith(true)).toMatch(/\r50 articles, \d+(\.\d)?\/s/);
    expect(await runWith(false)).toBe('');
  });
});
