/**
 * Stories: articles grouped before any passage is compared, so a folder of thousands of
 * articles is processed story by story.
 *
 * A document's set is its word trigrams that hold at least one content word. Two documents are
 * one story when they share enough of them (containment, verified exactly; candidates from a
 * MinHash LSH index tuned for a low threshold, because an outlet that took a few paragraphs
 * shares only a few percent of its trigrams with the wire).
 *
 * Stock text never links: trigrams that recur across stories (a reporter's byline, "The case
 * continues", a page header, a formula sentence's frame "was today due to stand trial") are
 * found from the input itself, in two passes. The first groups with trigrams carried by few
 * documents only (at most 3% of the input, or 20); a trigram is stock when most documents
 * carrying it sit outside the largest of those groups it touches. The second groups with every
 * trigram but the stock ones, so a story carried by most of the folder still holds together.
 * When publication times are known, articles further apart than `windowMs` never link directly,
 * and articles inside the window that share several rare words (names, figures) also link: a
 * newspaper's rewrite shares few trigrams with the wire but keeps its names and numbers.
 */

import { checkInteger, checkNumber, checkOptions } from '../errors.js';
import { bandBuckets, createLshIndex } from '../lsh/lsh.js';
import { optimalBands } from '../lsh/params.js';
import { containment, intersectionSize } from '../lsh/sets.js';
import { computeMinHash } from '../minhash/minhash.js';
import type { StoryDocument } from '../document/document.js';
import type { StoryOptions } from '../types.js';

/** Up to this many articles, every pair is verified directly (no index). */
const SMALL = 32;

const DAY = 86_400_000;

/** Defaults of {@link StoryOptions}. */
export const defaultStoryOptions: Readonly<Required<StoryOptions>> = Object.freeze({
  threshold: 0.03,
  minContainment: 0.07,
  minShared: 8,
  windowMs: 3 * DAY,
  minRareShared: 5,
});


/**
 * Whether two documents belong to one story: they share at least `minShared` trigrams, and
 * that is at least `minContainment` of the smaller one's.
 *
 * @param set - One document's sorted trigram set.
 * @param other - The other's.
 * @param o - Resolved thresholds.
 * @returns Whether they are one story.
 */
export function sameStory(set: Uint32Array, other: Uint32Array, o: { readonly minShared: number; readonly minContainment: number }): boolean {
  const shared = intersectionSize(set, other);
  return shared >= o.minShared && Math.max(containment(set, other), containment(other, set)) >= o.minContainment;
}

/**
 * The LSH buckets of a document's trigram set in the story index (one-permutation MinHash:
 * document sets are long, where it is as accurate as k permutations, and faster). The feed
 * stores these; {@link groupStories} builds the same buckets through its LSH index.
 *
 * @param set - A document's sorted trigram set.
 * @param threshold - The Jaccard threshold the bands are tuned for.
 * @returns One bucket hash per band.
 */
export function storyBuckets(set: Uint32Array, threshold: number = defaultStoryOptions.threshold): Uint32Array {
  const { bands, rows } = optimalBands(threshold, 128);
  return bandBuckets(computeMinHash(set, { scheme: 'oph' }), bands, rows);
}

/** Union-find over document indices; `groups()` gives the components, each ascending. */
function components(n: number): { union(a: number, b: number): void; find(x: number): number; groups(): number[][] } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  return {
    find,
    union(a, b) {
      const x = find(a);
      const y = find(b);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    },
    groups() {
      const groups = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const r = find(i);
        const g = groups.get(r);
        if (g === undefined) groups.set(r, [i]);
        else g.push(i);
      }
      return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
    },
  };
}

/** Calls `visit(i, j)` once for every candidate pair of non-empty sets (all pairs when few, else LSH). */
function candidatePairs(sets: readonly Uint32Array[], threshold: number, visit: (i: number, j: number) => void): void {
  if (sets.length <= SMALL) {
    // A handful of articles: verifying every pair exactly costs less than signing them.
    for (let i = 0; i < sets.length; i++) for (let j = 0; j < i; j++) if (sets[i]!.length > 0 && sets[j]!.length > 0) visit(i, j);
    return;
  }
  const index = createLshIndex({ threshold, scheme: 'oph' });
  sets.forEach((set, i) => {
    if (set.length === 0) return;
    const sig = computeMinHash(set, { scheme: 'oph' });
    for (const key of index.query(sig)) visit(i, Number(key));
    index.insert(String(i), sig);
  });
}

/** Stories by trigram evidence alone, over the given (filtered) sets, inside the time window. */
function linkByTrigrams(sets: readonly Uint32Array[], near: (i: number, j: number) => boolean, o: Required<StoryOptions>): ReturnType<typeof components> {
  const c = components(sets.length);
  candidatePairs(sets, o.threshold, (i, j) => {
    if (near(i, j) && sameStory(sets[i]!, sets[j]!, o)) c.union(i, j);
  });
  return c;
}

/**
 * Trigrams that recur across stories: carried by three or more documents, most of which sit
 * outside the largest first-pass group the trigram touches (half or more outside).
 */
function stockTrigrams(sets: readonly Uint32Array[], first: ReturnType<typeof components>, df: ReadonlyMap<number, number>): Set<number> {
  const perGroup = new Map<number, Map<number, number>>();
  sets.forEach((set, i) => {
    const g = first.find(i);
    for (const t of set) {
      if (df.get(t)! < 3) continue;
      let m = perGroup.get(t);
      if (m === undefined) perGroup.set(t, (m = new Map()));
      m.set(g, (m.get(g) ?? 0) + 1);
    }
  });
  const stock = new Set<number>();
  for (const [t, m] of perGroup) {
    let top = 0;
    for (const n of m.values()) if (n > top) top = n;
    if (top * 2 <= df.get(t)!) stock.add(t);
  }
  return stock;
}

/**
 * Groups documents into stories.
 *
 * @param documents - Each document's sorted trigram set, or its trigrams, content words and time.
 * @param options - Thresholds and the time window.
 * @returns Groups of document indices (each ascending), ordered by their first document.
 */
export function groupStories(documents: ReadonlyArray<Uint32Array | StoryDocument>, options: StoryOptions = {}): number[][] {
  checkOptions('options', options);
  checkNumber('threshold', options.threshold, 0.001, 1);
  checkNumber('minContainment', options.minContainment, 0, 1);
  checkInteger('minShared', options.minShared, 0, 1_000_000);
  checkNumber('windowMs', options.windowMs, 0, Number.MAX_SAFE_INTEGER);
  checkInteger('minRareShared', options.minRareShared, 0, 1_000_000);
  const o = { ...defaultStoryOptions, ...options };
  const docs: StoryDocument[] = documents.map((d) => (d instanceof Uint32Array ? { trigrams: d } : d));
  const n = docs.length;
  const near = (i: number, j: number): boolean => {
    const a = docs[i]!.time;
    const b = docs[j]!.time;
    return a === undefined || b === undefined || Math.abs(a - b) <= o.windowMs;
  };
  const df = new Map<number, number>();
  for (const d of docs) for (const t of d.trigrams) df.set(t, (df.get(t) ?? 0) + 1);
  // First pass: only trigrams few documents carry.
  const cap = Math.max(20, Math.ceil(0.03 * n));
  const rare = docs.map((d) => d.trigrams.filter((t) => df.get(t)! <= cap));
  const first = linkByTrigrams(rare, near, o);
  // Second pass: every trigram but the stock ones.
  const stock = stockTrigrams(docs.map((d) => d.trigrams), first, df);
  const sets = stock.size === 0 ? docs.map((d) => d.trigrams) : docs.map((d) => d.trigrams.filter((t) => !stock.has(t)));
  const stories = linkByTrigrams(sets, near, o);
  linkByRareWords(docs, near, o, stories);
  return stories.groups();
}

/**
 * Links documents with publication times inside the window that share several rare words: words
 * in at most 1% of the input (or 5 documents) and in at least two.
 */
function linkByRareWords(docs: readonly StoryDocument[], near: (i: number, j: number) => boolean, o: Required<StoryOptions>, stories: ReturnType<typeof components>): void {
  if (o.minRareShared === 0) return;
  const timed = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.time !== undefined && d.words !== undefined);
  if (timed.length < 2) return;
  const wdf = new Map<string, number>();
  for (const { d } of timed) for (const w of d.words!) wdf.set(w, (wdf.get(w) ?? 0) + 1);
  const cap = Math.max(5, Math.ceil(0.01 * docs.length));
  const rare = new Map<number, Set<string>>();
  const postings = new Map<string, number[]>();
  for (const { d, i } of timed) {
    const own = new Set<string>();
    for (const w of d.words!) {
      const f = wdf.get(w)!;
      if (f < 2 || f > cap) continue;
      own.add(w);
      const list = postings.get(w);
      if (list === undefined) postings.set(w, [i]);
      else list.push(i);
    }
    rare.set(i, own);
  }
  const shared = new Map<number, number>();
  for (const list of postings.values())
    for (let a = 0; a < list.length; a++)
      for (let b = 0; b < a; b++) {
        const key = list[a]! * docs.length + list[b]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  for (const [key, count] of [...shared].sort((x, y) => x[0] - y[0])) {
    if (count < o.minRareShared) continue;
    const i = Math.floor(key / docs.length);
    const j = key % docs.length;
    if (!near(i, j)) continue;
    if (count * 5 >= Math.min(rare.get(i)!.size, rare.get(j)!.size)) stories.union(i, j);
  }
}
