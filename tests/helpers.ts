import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { generateCorpus } from './fixtures/corpus.js';
import { expect } from 'vitest';
import { compareArticles, createWireIndex, type Article, type CompareOptions, type FeedArticle, type IndexResult, type WireIndex, type WireStore } from '../src/index.js';

/** Folder of the bundled seed corpus. */
export const corpusDir = fileURLToPath(new URL('../test-corpus/', import.meta.url));

/** The five seed articles, ids without the hash suffix lookup helpers. */
export function seeds(): Article[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(corpusDir + f, 'utf8') }));
}

/** A seed by its number ("000" … "004"). */
export function seed(n: string): Article {
  const a = seeds().find((s) => s.id.startsWith(n));
  if (a === undefined) throw new Error(`no seed ${n}`);
  return a;
}

/** Offset of a phrase in a text (throws when absent, so a typo fails loudly). */
export function at(text: string, phrase: string): number {
  const i = text.indexOf(phrase);
  if (i < 0) throw new Error(`phrase not found: ${phrase}`);
  return i;
}

/**
 * Runs `node cli …args` as a feed worker that is killed (SIGKILL) once it has acknowledged
 * exactly `n` articles: lines are written one at a time, the next only after the previous
 * result came back, and after the n-th result the worker is killed while it waits for input.
 * No timing: the store then holds exactly the n acknowledged articles.
 */
export async function killAfterAcknowledged(cli: string, args: readonly string[], lines: readonly string[], n: number): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let buffered = '';
    let acknowledged = 0;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      acknowledged += parts.length;
      if (acknowledged >= n) child.kill('SIGKILL');
      else if (parts.length > 0) child.stdin.write(lines[acknowledged]! + '\n');
    });
    child.on('error', reject);
    child.on('close', () => (acknowledged === n ? resolve() : reject(new Error(`worker acknowledged ${acknowledged} articles, expected ${n}`))));
    child.stdin.write(lines[0]! + '\n');
  });
}

/**
 * Parity of the feed with `compare`: every story's `index.report` is `compareArticles` on that
 * story's articles, the same JSON once the story is called by the index's name and the texts the
 * feed report carries (for quoting) are set aside. Returns how many stories were checked.
 */
export async function expectReportsMatchCompare(index: WireIndex, articles: readonly FeedArticle[], options: CompareOptions = {}): Promise<number> {
  const listed = await index.list();
  const stories = [...new Set(listed.map((a) => a.story))];
  for (const story of stories) {
    const ids = new Set(listed.filter((a) => a.story === story).map((a) => a.id));
    const own = articles.filter((a) => ids.has(a.id)).map((a) => ({ id: a.id, text: a.text!, ...(a.outlet !== undefined ? { outlet: a.outlet } : {}) }));
    const compared = compareArticles(own, options);
    // One story, or none when the index's story is a single article (compare needs two).
    expect(compared.stories).toHaveLength(ids.size === 1 ? 0 : 1);
    const fed = await index.report(story);
    const named = (json: string, from: string | undefined): string => (from === undefined ? json : json.replaceAll(`"${from}"`, '"STORY"').replaceAll(`"${from}.`, '"STORY.'));
    expect(named(JSON.stringify({ ...fed, documents: fed.documents.map(({ text: _text, ...d }) => d) }), story)).toBe(named(JSON.stringify(compared), compared.stories[0]?.id));
  }
  return stories.length;
}

/** A feed with what real feeds carry between stories: stock lines, briefs, one-liners. */
export function realisticFeed(articles: readonly FeedArticle[]): FeedArticle[] {
  const stock = ['This story has been updated.', 'Follow us on Twitter for the latest news.', 'Sign up for our newsletter.'];
  return articles.map((a, i) =>
    i % 3 === 0 ? { ...a, text: `${a.text}\n\n${stock[i % stock.length]}` } : i % 5 === 1 ? { ...a, id: `${a.id}-brief`, text: a.text!.split('\n\n').slice(0, 2).join('\n\n') } : a,
  );
}

/** Articles for feed properties: the seeds and generated stories with bylines, house lines and templates. */
export function parityPool(): FeedArticle[] {
  return [
    ...seeds().map((a) => ({ id: a.id, text: a.text })),
    ...generateCorpus({ stories: 5, outletsPerStory: 4, unrelated: 4, sentencesPerStory: 10, seed: 77, realistic: true }).map((a) => ({ id: a.id, text: a.text, outlet: a.outlet })),
  ];
}

/**
 * The feed's parity with compare as a property: random feeds drawn from a pool of stories (some
 * articles cut to briefs, some dressed with a line that recurs across stories, any order) are
 * added with revisions to a fresh store from `open`; then every story reports as compare reports
 * its articles, and the results said (first provisional, then revised) are the final ones.
 */
export async function checkFeedParity(open: () => Promise<WireStore>, pool: readonly FeedArticle[], numRuns: number, seed: number): Promise<void> {
  const stock = ['This story has been updated.', 'Follow us on Twitter for the latest news.', 'By Brian Farmer, AFP'];
  const key = (r: IndexResult) => ({ story: r.story, verdict: r.verdict, derivedShare: r.derivedShare, credited: r.credited, alteredQuotes: r.alteredQuotes, changedNumbers: r.changedNumbers });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ take: fc.boolean(), dress: fc.nat(5), brief: fc.boolean(), key: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: pool.length, maxLength: pool.length }),
      async (plan) => {
        const feed = pool
          .map((a, i) => ({ a, p: plan[i]! }))
          .filter(({ p }) => p.take)
          .map(({ a, p }) => ({
            key: p.key,
            article: {
              id: p.brief ? `${a.id}-brief` : a.id,
              text: (p.brief ? a.text!.split('\n\n').slice(0, 2).join('\n\n') : a.text!) + (p.dress < stock.length ? `\n\n${stock[p.dress]}` : ''),
              // The outlet too: compare and the feed then learn each outlet's template lines.
              ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
            },
          }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.article);
        const index = createWireIndex({ store: await open(), now: () => Date.parse('2023-09-20T12:00:00Z') });
        try {
          const said = new Map<string, ReturnType<typeof key>>();
          for (const a of feed) {
            const r = await index.add(a, { revisions: true });
            said.set(r.id, key(r));
            for (const v of r.revisions!) said.set(v.id, key(v));
          }
          const final = new Map<string, ReturnType<typeof key>>();
          for (const a of feed) final.set(a.id, key(await index.query(a)));
          expect(Object.fromEntries(said)).toEqual(Object.fromEntries(final));
          await expectReportsMatchCompare(index, feed);
        } finally {
          await index.close();
        }
      },
    ),
    { numRuns, seed },
  );
}

/** The stories as a partition: sorted lists of sorted ids. */
export function partition(results: ReadonlyArray<{ id: string; story: string }>): string[][] {
  const byStory = new Map<string, string[]>();
  for (const r of results) byStory.set(r.story, [...(byStory.get(r.story) ?? []), r.id]);
  return [...byStory.values()].map((ids) => ids.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/**
 * Two articles of different stories that share only a house paragraph are one story as long as
 * nothing shows the paragraph to be stock; a second article of the first story shows it. The
 * feed then splits the story as compare would, and says so in a revision.
 */
export async function checkSplitByStock(store: WireStore): Promise<void> {
  const house = 'The Riverside Gazette is an independent newspaper owned by its readers since 1921, printed every morning in Millbrook and delivered to homes across the valley by our own carriers.';
  const pool = generateCorpus({ stories: 2, outletsPerStory: 4, unrelated: 0, sentencesPerStory: 10, seed: 77, realistic: true });
  const arrivals = ['st0-o1', 'st1-o2', 'st0-o3'].map((id) => ({ id, text: `${pool.find((a) => a.id === id)!.text}\n\n${house}` }));
  const index = createWireIndex({ store, now: () => Date.parse('2023-09-20T12:00:00Z') });
  const [first, second, third] = [await index.add(arrivals[0]!, { revisions: true }), await index.add(arrivals[1]!, { revisions: true }), await index.add(arrivals[2]!, { revisions: true })];
  expect(second.story).toBe(first.story);
  expect(third.story).toBe(first.story);
  const moved = third.revisions!.find((r) => r.id === 'st1-o2')!;
  expect(moved.story).not.toBe(first.story);
  expect(partition(await index.list())).toEqual([['st0-o1', 'st0-o3'], ['st1-o2']]);
  expect(await expectReportsMatchCompare(index, arrivals)).toBe(2);
  await index.close();
}


/**
 * A roundup that carries the lede of two stories holds them in one story; removed, it leaves two
 * stories, and the feed splits them as compare would.
 */
export async function checkSplitOnRemove(store: WireStore): Promise<void> {
  const pool = generateCorpus({ stories: 2, outletsPerStory: 4, unrelated: 0, sentencesPerStory: 10, seed: 77 });
  const text = (id: string) => pool.find((a) => a.id === id)!.text;
  const paragraphs = (id: string, n: number) => text(id).split('\n\n').slice(0, n).join('\n\n');
  const arrivals = [
    { id: 'a', text: text('st0-o1') },
    { id: 'b', text: text('st1-o2') },
    { id: 'roundup', text: `${paragraphs('st0-o1', 3)}\n\n${paragraphs('st1-o2', 3)}` },
  ];
  const index = createWireIndex({ store, now: () => Date.parse('2023-09-20T12:00:00Z') });
  for (const a of arrivals) await index.add(a);
  expect(partition(await index.list())).toEqual([['a', 'b', 'roundup']]);
  expect(await index.remove('roundup')).toBe(true);
  expect(partition(await index.list())).toEqual([['a'], ['b']]);
  await index.close();
}
