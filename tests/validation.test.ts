/** Misuse of the library and bad inputs: a clear error naming the input, never a crash or a silent pass. */
import { mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../src/cli/main.js';
import { FileWireStore, compareArticles, createWireIndex, formatReport, renderHtml, type CompareOptions } from '../src/index.js';
import { seed } from './helpers.js';

const a = seed('001');
const b = seed('004');

describe('validation', () => {
  describe('compareArticles', () => {
    it.each<[string, unknown, RegExp]>([
      ['a mistyped option', { refrence: a.id }, /options has no option "refrence" \(did you mean "reference"\?\)/],
      ['a mistyped story option', { stories: { minShard: 3 } }, /options.stories has no option "minShard" \(did you mean "minShared"\?\)/],
      ['links that are not numbers', { links: { minContainment: 'abc' } }, /links.minContainment must be a number from 0 to 1/],
      ['links that are NaN', { links: { minContentJaccard: Number.NaN } }, /links.minContentJaccard/],
      ['links below 0', { links: { maxPostingShare: -1 } }, /links.maxPostingShare/],
      ['thresholds out of order', { whollyDerived: 0.1, partiallyDerived: 0.5 }, /whollyDerived \(0.1\) must not be below partiallyDerived \(0.5\)/],
      ['learned lines as a string', { chrome: { learned: 'footer' } }, /chrome.learned must be a Set/],
      ['a null phrase', { chrome: { phrases: [null] } }, /chrome.phrases\[0\] must be \{ text: string, reason \}/],
      ['a pattern that is not a RegExp', { chrome: { patterns: [{ pattern: 'x', reason: 'custom' }] } }, /chrome.patterns\[0\]/],
    ])('should refuse %s with an error naming it', (_, options, message) => {
      expect(() => compareArticles([a, b], options as CompareOptions)).toThrow(message);
    });

    it('should take stories: null and links: null as absent', () => {
      expect(compareArticles([a, b], { stories: null, links: null } as unknown as CompareOptions).stories).toHaveLength(1);
    });

    it('should name a hole in a sparse articles array', () => {
      const sparse = [a, , b] as unknown as typeof a[];
      expect(() => compareArticles(sparse)).toThrow('articles[1] must be an object { id, text }.');
    });

    it('should name a mistyped article field', () => {
      expect(() => compareArticles([{ id: 'x', txt: 'hello' } as unknown as typeof a])).toThrow(/articles\[0\] has no option "txt" \(did you mean "text"\?\)/);
    });
  });

  describe('renderers', () => {
    it('should refuse something that is not a report', () => {
      expect(() => renderHtml(null as never)).toThrow('report must be a wiretrace report from compareArticles (got null).');
      expect(() => formatReport(null as never, [])).toThrow('report must be a wiretrace report from compareArticles (got null).');
      expect(() => formatReport({ documents: [] } as never, [])).toThrow(/report must be a wiretrace report/);
    });
  });

  describe('createWireIndex', () => {
    it('should refuse a clock that is not a function, and one that returns no time', async () => {
      expect(() => createWireIndex({ now: 5 as never })).toThrow('now must be a function returning the time in ms since the epoch.');
      const index = createWireIndex({ now: () => Number.NaN });
      await expect(index.add({ id: 'x', text: a.text })).rejects.toThrow('now() must return a finite time in ms since the epoch (got NaN).');
      await expect(index.expire()).rejects.toThrow(/now\(\) must return a finite time/);
    });

    it('should refuse an id already indexed with another text, and accept the same one again', async () => {
      const index = createWireIndex({ now: () => 0 });
      await index.add({ id: 'x', text: a.text });
      expect((await index.add({ id: 'x', text: a.text })).alreadyIndexed).toBe(true);
      await expect(index.add({ id: 'x', text: b.text })).rejects.toThrow('article "x" is already indexed with another text; remove it first to index the new one.');
    });
  });

  describe('the on-disk store', () => {
    it('should refuse a journal line with a valid checksum but no entry shape, naming the file and line', () => {
      const dir = mkdtempSync(join(tmpdir(), 'wiretrace-shape-'));
      new FileWireStore(dir).close();
      const json = JSON.stringify({ op: 'put', article: { id: 'x' } });
      appendFileSync(join(dir, 'journal.jsonl'), `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`);
      appendFileSync(join(dir, 'journal.jsonl'), `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`);
      expect(() => new FileWireStore(dir)).toThrow(`${join(dir, 'journal.jsonl')}: line 2 has a valid checksum but is not a journal entry; the store cannot be opened safely.`);
    });
  });

  describe('JSON Lines with a byte-order mark', () => {
    it('should read the first line of compare -', () => {
      let err = '';
      const code = runCli({ argv: ['compare', '--json', '-'], readStdin: () => `\ufeff${JSON.stringify({ id: 'a', text: a.text })}\n${JSON.stringify({ id: 'b', text: b.text })}\n`, stdout: () => undefined, stderr: (s) => (err += s) });
      expect([code, err]).toEqual([0, '']);
    });

    it('should read the first line of index add', async () => {
      let out = '';
      const code = await runCliAsync({
        argv: ['index', 'add', '--store', mkdtempSync(join(tmpdir(), 'wiretrace-bom-'))],
        readStdin: () => '',
        stdinLines: async function* () {
          yield `\ufeff${JSON.stringify({ id: 'a', text: a.text })}`;
        },
        stdout: (s) => (out += s),
        stderr: () => undefined,
      });
      expect(code).toBe(0);
      expect(JSON.parse(out.trim()).id).toBe('a');
    });
  });
});

describe('bounded standard input', () => {
  it('should read to the end under the bound and refuse past it', async () => {
    const { openSync, closeSync } = await import('node:fs');
    const { readBoundedFd } = await import('../src/cli/io.js');
    const file = join(mkdtempSync(join(tmpdir(), 'wiretrace-stdin-')), 'in.jsonl');
    writeFileSync(file, 'x'.repeat(3_000_000));
    let fd = openSync(file, 'r');
    expect(readBoundedFd(fd, 3_000_000)).toHaveLength(3_000_000);
    closeSync(fd);
    fd = openSync(file, 'r');
    expect(() => readBoundedFd(fd, 2_999_999)).toThrow('stdin holds more than 2999999 bytes');
    closeSync(fd);
  });
});

describe('index add line bound', () => {
  it('should refuse a JSON line over the article limit by its number and go on', async () => {
    let out = '';
    let err = '';
    const code = await runCliAsync({
      argv: ['index', 'add', '--store', mkdtempSync(join(tmpdir(), 'wiretrace-big-'))],
      readStdin: () => '',
      stdinLines: async function* () {
        yield JSON.stringify({ id: 'huge', text: 'x '.repeat(3_000_000) });
        yield JSON.stringify({ id: 'a', text: a.text });
      },
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
    });
    expect(code).toBe(1);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { line?: number; error?: string; id?: string });
    expect(lines[0]).toMatchObject({ line: 1 });
    expect(lines[0]!.error).toMatch(/more than the 5242880 limit for one article/);
    expect(lines[1]!.id).toBe('a');
    expect(err).toContain('line 1');
  });
});

describe('size before extraction', () => {
  it('should not parse a page past maxChars, and say so', () => {
    const page = `<article><p>${'Rescuers pulled survivors from the mine. '.repeat(2000)}</p></article>`;
    const r = compareArticles([{ id: 'big', text: page, format: 'html' }, a], { maxChars: 10_000 });
    const d = r.documents.find((x) => x.id === 'big')!;
    expect(d.warnings).toEqual([`the page is ${page.length} characters, more than maxChars (10000); not extracted`]);
    expect(d.segments).toEqual([]);
  });

  it('should refuse in the feed a page past the limit, and in index add a text of white space only', async () => {
    const index = createWireIndex({ now: () => 0 });
    await expect(index.add({ id: 'big', html: 'x'.repeat(5_000_001) })).rejects.toThrow(/more than 5000000; not extracted/);
    let out = '';
    const code = await runCliAsync({
      argv: ['index', 'add', '--store', mkdtempSync(join(tmpdir(), 'wiretrace-blank-'))],
      readStdin: () => '',
      stdinLines: async function* () {
        yield JSON.stringify({ id: 'blank', text: ' \n\t ' });
      },
      stdout: (s) => (out += s),
      stderr: () => undefined,
    });
    expect(code).toBe(1);
    expect(JSON.parse(out.trim())).toMatchObject({ line: 1, error: 'article "blank" has an empty text' });
  });
});
