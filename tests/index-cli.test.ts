import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
    const json = JSON.parse((await run(['index', 'report', story, '--store', dir, '--json'])).out) as Report;
    expect(json.documents.map((d) => d.id)).toEqual([feed[1]!.id, feed[4]!.id]);
    expect((await run(['index', 'report', 's999', '--store', dir])).code).toBe(1);
    expect(JSON.parse((await run(['index', 'stats', '--store', dir])).out)).toEqual({ articles: 2, stories: 1, store: 'file' });
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
