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
 * found from the input itself: a trigram is stock when the documents carrying it do not
 * otherwise agree (see `stockTrigrams`), so a story that most of the folder carries, however
 * many copies, still holds together.
 * When publication times are known, articles further apart than `windowMs` never link directly,
 * and articles inside the window that share several rare words (names, figures) also link: a
 * newspaper's rewrite shares few trigrams with the wire but keeps its names and numbers. A brief
 * still alone joins the story whose own words (names of that story, rare around it) it uses.
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

/** Documents sampled per trigram to decide whether it is stock. */
const SAMPLE = 6;

/** Longest block of trigrams (about three sentences) that can be stock. */
const MAX_STOCK_BLOCK = 50;

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
 * Trigrams that recur across stories. A trigram carried by three or more documents is stock
 * when the documents carrying it do not otherwise agree: of up to `SAMPLE` of them (spread
 * evenly over the input), fewer than half of the pairs pass the story test ({@link sameStory})
 * without the trigrams carried by exactly the same documents (its block: a byline or a house
 * line is one block of trigrams), unless the two are near copies (half of the smaller one's
 * trigrams shared) or share several rare words (names, figures: a newspaper's rewrite of the
 * wire keeps them). A block longer than `MAX_STOCK_BLOCK` trigrams is never stock. Copies of one story agree however many they are; articles that share only
 * a byline, a sign-off or a formula sentence's frame do not.
 */
function stockTrigrams(sets: readonly Uint32Array[], df: ReadonlyMap<number, number>, o: Required<StoryOptions>, byWords: WordAgreement): Set<number> {
  const carriers = new Map<number, number[]>();
  sets.forEach((set, i) => {
    for (const t of set) {
      if (df.get(t)! < 3) continue;
      const list = carriers.get(t);
      if (list === undefined) carriers.set(t, [i]);
      else list.push(i);
    }
  });
  // Blocks: trigrams with the same carriers.
  const blockOf = new Map<number, string>();
  const blockSize = new Map<string, number>();
  for (const [t, docs] of carriers) {
    const key = docs.join(',');
    blockOf.set(t, key);
    blockSize.set(key, (blockSize.get(key) ?? 0) + 1);
  }
  const shared = new Map<number, number>();
  const sharedOf = (i: number, j: number): number => {
    const key = i * sets.length + j;
    let v = shared.get(key);
    if (v === undefined) shared.set(key, (v = intersectionSize(sets[i]!, sets[j]!)));
    return v;
  };
  const stock = new Set<number>();
  const verdicts = new Map<string, boolean>();
  for (const [t, docs] of carriers) {
    const block = blockOf.get(t)!;
    const known = verdicts.get(block);
    if (known !== undefined) {
      if (known) stock.add(t);
      continue;
    }
    const b = blockSize.get(block)!;
    if (b > MAX_STOCK_BLOCK) {
      // Long text every carrier shares word for word is copy, not a house line.
      verdicts.set(block, false);
      continue;
    }
    const k = Math.min(SAMPLE, docs.length);
    const sample = Array.from({ length: k }, (_, x) => docs[Math.floor((x * docs.length) / k)]!);
    let pairs = 0;
    let agreeing = 0;
    for (let x = 0; x < k; x++)
      for (let y = 0; y < x; y++) {
        const i = sample[y]!;
        const j = sample[x]!;
        const n = sharedOf(i, j);
        const small = Math.min(sets[i]!.length, sets[j]!.length);
        const rest = n - b;
        pairs++;
        if (n * 2 >= small || (rest >= o.minShared && rest >= o.minContainment * (small - b)) || byWords(Math.max(i, j), Math.min(i, j))) agreeing++;
      }
    const isStock = agreeing * 2 < pairs;
    verdicts.set(block, isStock);
    if (isStock) stock.add(t);
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
  const near = (i: number, j: number): boolean => {
    const a = docs[i]!.time;
    const b = docs[j]!.time;
    return a === undefined || b === undefined || Math.abs(a - b) <= o.windowMs;
  };
  const df = new Map<number, number>();
  for (const d of docs) for (const t of d.trigrams) df.set(t, (df.get(t) ?? 0) + 1);
  const byWords = rareWordAgreement(docs, o);
  const stock = stockTrigrams(docs.map((d) => d.trigrams), df, o, byWords);
  const sets = stock.size === 0 ? docs.map((d) => d.trigrams) : docs.map((d) => d.trigrams.filter((t) => !stock.has(t)));
  const stories = linkByTrigrams(sets, near, o);
  joinByRareWords(docs, near, byWords, stories);
  joinByStoryWords(docs, near, stories);
  return stories.groups();
}

/** Fewest story words an article alone shares with a story to join it, and their least share of its words. */
const MIN_STORY_WORDS = 3;
const MIN_STORY_WORD_SHARE = 0.2;
const MAX_STORY_WORD_POSTINGS = 2_000;

/**
 * A brief alone (a snap: "X was today found guilty of…") joins the story whose own words it
 * uses: words that two or more of the story's articles carry and that, apart from them, almost
 * no article does (the defendant's name, the court). Words of a big story are too common in the
 * folder to count as rare pair by pair; counted against the story they stay its own. An article
 * joins one story at most (the one with the most such words), and only inside the time window.
 */
function joinByStoryWords(docs: readonly StoryDocument[], near: (i: number, j: number) => boolean, stories: ReturnType<typeof components>): void {
  const roots = docs.map((_, i) => stories.find(i));
  const size = new Map<number, number>();
  for (const r of roots) size.set(r, (size.get(r) ?? 0) + 1);
  const postings = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const w of d.words ?? []) {
      const list = postings.get(w);
      if (list === undefined) postings.set(w, [i]);
      else list.push(i);
    }
  });
  const joins: Array<[number, number]> = [];
  docs.forEach((d, i) => {
    if (size.get(roots[i]!)! !== 1 || d.time === undefined || d.words === undefined || d.words.size === 0) return;
    const score = new Map<number, number>();
    for (const w of d.words) {
      const list = postings.get(w)!;
      // A word in thousands of articles is nobody's own.
      if (list.length > MAX_STORY_WORD_POSTINGS) continue;
      // Counted among the articles of its time only: a name can return in another week's story.
      let outside = 0;
      const inStory = new Map<number, number>();
      for (const j of list) {
        if (j === i || !near(i, j)) continue;
        const r = roots[j]!;
        if (size.get(r)! >= 2) inStory.set(r, (inStory.get(r) ?? 0) + 1);
        else outside++;
      }
      for (const [story, n] of inStory) {
        const elsewhere = outside + [...inStory].reduce((sum, [x, m]) => (x === story ? sum : sum + m), 0);
        if (n >= 2 && elsewhere <= 0.2 * n) score.set(story, (score.get(story) ?? 0) + 1);
      }
    }
    const best = [...score].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (best === undefined || best[1] < MIN_STORY_WORDS || best[1] < MIN_STORY_WORD_SHARE * d.words.size) return;
    joins.push([i, best[0]]);
  });
  for (const [i, story] of joins) stories.union(i, story);
}

/**
 * Inside the time window, shared names and figures link too: a newspaper's rewrite keeps them
 * when it keeps few of the wire's trigrams. This evidence is weaker than shared text, so it
 * never chains: an article alone joins the story it has the most such pairs with, and two
 * stories merge only when the pairs between them number at least the smaller story's size.
 */
function joinByRareWords(docs: readonly StoryDocument[], near: (i: number, j: number) => boolean, byWords: WordAgreement, stories: ReturnType<typeof components>): void {
  const size = new Map<number, number>();
  for (let i = 0; i < docs.length; i++) size.set(stories.find(i), (size.get(stories.find(i)) ?? 0) + 1);
  // Agreeing pairs between stories (by their roots before any join).
  const between = new Map<string, { a: number; b: number; n: number }>();
  for (const [i, j] of byWords.pairs()) {
    if (docs[i]!.time === undefined || docs[j]!.time === undefined || !near(i, j)) continue;
    const a = stories.find(i);
    const b = stories.find(j);
    if (a === b) continue;
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}:${y}`;
    const e = between.get(key);
    if (e === undefined) between.set(key, { a: x, b: y, n: 1 });
    else e.n++;
  }
  const edges = [...between.values()].sort((p, q) => p.a - q.a || p.b - q.b);
  // Articles alone: to the story with the most pairs (the earliest on a tie).
  const best = new Map<number, { to: number; n: number }>();
  for (const e of edges)
    for (const [alone, other] of [
      [e.a, e.b],
      [e.b, e.a],
    ] as const) {
      if (size.get(alone) !== 1) continue;
      const cur = best.get(alone);
      if (cur === undefined || e.n > cur.n || (e.n === cur.n && other < cur.to)) best.set(alone, { to: other, n: e.n });
    }
  // Stories: only on substantial evidence, judged on the stories as the text formed them.
  const merges = edges.filter((e) => size.get(e.a)! > 1 && size.get(e.b)! > 1 && e.n >= Math.min(size.get(e.a)!, size.get(e.b)!));
  for (const e of merges) stories.union(e.a, e.b);
  for (const [alone, { to }] of [...best].sort((x, y) => x[0] - y[0])) if (size.get(to)! > 1 || !best.has(to) || best.get(to)!.to === alone) stories.union(alone, to);
}

/**
 * Pairs of documents that share several rare words: words in at most 2% of the input (or 15
 * documents) and in at least two, `minRareShared` of them and a fifth of the smaller one's.
 *
 * @returns Whether documents `i` and `j` share enough rare words (`i > j`), and all such pairs.
 */
interface WordAgreement {
  (i: number, j: number): boolean;
  /** Every agreeing pair `[i, j]` with `i > j`, in ascending order. */
  pairs(): Array<[number, number]>;
}

function rareWordAgreement(docs: readonly StoryDocument[], o: Required<StoryOptions>): WordAgreement {
  if (o.minRareShared === 0) return Object.assign(() => false, { pairs: () => [] });
  const wdf = new Map<string, number>();
  for (const d of docs) for (const w of d.words ?? []) wdf.set(w, (wdf.get(w) ?? 0) + 1);
  const cap = Math.max(15, Math.ceil(0.02 * docs.length));
  const size = docs.map(() => 0);
  const postings = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const w of d.words ?? []) {
      const f = wdf.get(w)!;
      if (f < 2 || f > cap) continue;
      size[i]!++;
      const list = postings.get(w);
      if (list === undefined) postings.set(w, [i]);
      else list.push(i);
    }
  });
  // Pairs counted one document at a time against the earlier ones (a counter per document, reset
  // after each), keeping only the pairs that agree: a folder's pairs sharing one rare word are
  // millions, the agreeing ones few.
  const rareOf = docs.map(() => [] as string[]);
  for (const [w, list] of postings) for (const i of list) rareOf[i]!.push(w);
  const agreeing = new Set<number>();
  const counts = new Int32Array(docs.length);
  const touched: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (const w of rareOf[i]!)
      for (const j of postings.get(w)!) {
        if (j >= i) break;
        if (counts[j] === 0) touched.push(j);
        counts[j]!++;
      }
    for (const j of touched) {
      const count = counts[j]!;
      counts[j] = 0;
      if (count >= o.minRareShared && count * 5 >= Math.min(size[i]!, size[j]!)) agreeing.add(i * docs.length + j);
    }
    touched.length = 0;
    rareOf[i] = [];
  }
  const agree = (i: number, j: number): boolean => agreeing.has(i * docs.length + j);
  const pairs = (): Array<[number, number]> =>
    [...agreeing]
      .sort((x, y) => x - y)
      .map((key): [number, number] => [Math.floor(key / docs.length), key % docs.length]);
  return Object.assign(agree, { pairs });
}
