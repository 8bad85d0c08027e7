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
import { bandBuckets } from '../lsh/lsh.js';
import { optimalBands } from '../lsh/params.js';
import { components, containment, intersectionSize } from '../lsh/sets.js';
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

/**
 * Band buckets of the sets seen so far: the feed groups a story's articles again at each arrival,
 * with the same sets (a set is never changed once made), and signs each once.
 */
const bucketsOfSet = new WeakMap<Uint32Array, { threshold: number; buckets: Uint32Array }>();

/**
 * Calls `visit(i, j)` once for every candidate pair of non-empty sets (j < i; all pairs when few,
 * else the pairs that share a band bucket, as the story LSH index would propose them).
 */
function candidatePairs(sets: readonly Uint32Array[], threshold: number, visit: (i: number, j: number) => void): void {
  if (sets.length <= SMALL) {
    // A handful of articles: verifying every pair exactly costs less than signing them.
    for (let i = 0; i < sets.length; i++) for (let j = 0; j < i; j++) if (sets[i]!.length > 0 && sets[j]!.length > 0) visit(i, j);
    return;
  }
  // Each band's buckets: bucket hash → the documents in it (numbers, no keys to sort).
  const tables: Array<Map<number, number[]>> = [];
  const seen = new Int32Array(sets.length).fill(-1);
  sets.forEach((set, i) => {
    if (set.length === 0) return;
    let known = bucketsOfSet.get(set);
    if (known === undefined || known.threshold !== threshold) bucketsOfSet.set(set, (known = { threshold, buckets: storyBuckets(set, threshold) }));
    const buckets = known.buckets;
    for (let b = 0; b < buckets.length; b++) {
      const table = (tables[b] ??= new Map());
      let list = table.get(buckets[b]!);
      if (list === undefined) table.set(buckets[b]!, (list = []));
      for (const j of list)
        if (seen[j] !== i) {
          seen[j] = i;
          visit(i, j);
        }
      list.push(i);
    }
  });
}

/** Stories by trigram evidence alone, over the given (filtered) sets, inside the time window. */
function linkByTrigrams(sets: readonly Uint32Array[], near: (i: number, j: number) => boolean, o: Required<StoryOptions>): ReturnType<typeof components> {
  const c = components(sets.length);
  candidatePairs(sets, o.threshold, (i, j) => {
    // Two already in one story need no test: a story of a thousand copies costs one per copy.
    if (c.find(i) !== c.find(j) && near(i, j) && sameStory(sets[i]!, sets[j]!, o)) c.union(i, j);
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
 *
 * @returns The stock trigrams, and the stock blocks' own rare words (words carried by exactly a
 * stock block's documents: a house line's paper name and town).
 */
function stockTrigrams(sets: readonly Uint32Array[], o: Required<StoryOptions>, byWords: WordAgreement, words: WordIndex): { stock: Set<number>; stockWords: Set<number> } {
  // Every (trigram, document) pair in one sorted array: a trigram's run is its carriers, in
  // order. (No map of every trigram: a folder has millions.)
  let total = 0;
  for (const set of sets) total += set.length;
  const pairs = new Float64Array(total);
  let at = 0;
  sets.forEach((set, i) => {
    for (const t of set) pairs[at++] = t * DOC_SPACE + i;
  });
  pairs.sort();
  const docAt = (k: number): number => pairs[k]! % DOC_SPACE;
  const trigramAt = (k: number): number => Math.floor(pairs[k]! / DOC_SPACE);
  // Runs of three carriers or more, and their blocks (trigrams with the same carriers, keyed by
  // a 53-bit hash of the carrier list).
  const runs: number[] = [];
  for (let from = 0; from < total; ) {
    let to = from + 1;
    while (to < total && trigramAt(to) === trigramAt(from)) to++;
    if (to - from >= 3) runs.push(from, to);
    from = to;
  }
  const blockSize = new Map<number, number>();
  const keys = new Float64Array(runs.length / 2);
  for (let r = 0; r < runs.length; r += 2) {
    const key = carriersKey(docAt, runs[r]!, runs[r + 1]!);
    keys[r / 2] = key;
    blockSize.set(key, (blockSize.get(key) ?? 0) + 1);
  }
  // A block's own rare words (a house line's "newsletter", "inbox"): words carried by exactly its
  // documents. They are the block, not agreement beside it.
  const blockWords = new Map<number, number>();
  const wordBlocks: number[] = [];
  for (let w = 0; w + 1 < words.start.length; w++) {
    const from = words.start[w]!;
    const to = words.start[w + 1]!;
    if (to - from < 3 || !byWords.rare(w)) continue;
    const key = carriersKey((k) => words.docs[k]!, from, to);
    if (!blockSize.has(key)) continue;
    blockWords.set(key, (blockWords.get(key) ?? 0) + 1);
    wordBlocks.push(w, key);
  }
  const shared = new Map<number, number>();
  const sharedOf = (i: number, j: number): number => {
    const key = i * sets.length + j;
    let v = shared.get(key);
    if (v === undefined) shared.set(key, (v = intersectionSize(sets[i]!, sets[j]!)));
    return v;
  };
  const stock = new Set<number>();
  const verdicts = new Map<number, boolean>();
  for (let r = 0; r < runs.length; r += 2) {
    const from = runs[r]!;
    const to = runs[r + 1]!;
    const t = trigramAt(from);
    const block = keys[r / 2]!;
    const known = verdicts.get(block);
    if (known !== undefined) {
      if (known) stock.add(t);
      continue;
    }
    const b = blockSize.get(block)!;
    const bw = blockWords.get(block) ?? 0;
    if (b > MAX_STOCK_BLOCK) {
      // Long text every carrier shares word for word is copy, not a house line.
      verdicts.set(block, false);
      continue;
    }
    const count = to - from;
    const k = Math.min(SAMPLE, count);
    const sample = Array.from({ length: k }, (_, x) => docAt(from + Math.floor((x * count) / k)));
    let pairsSeen = 0;
    let agreeing = 0;
    for (let x = 0; x < k; x++)
      for (let y = 0; y < x; y++) {
        const i = sample[y]!;
        const j = sample[x]!;
        const n = sharedOf(i, j);
        const small = Math.min(sets[i]!.length, sets[j]!.length);
        const rest = n - b;
        pairsSeen++;
        if (n * 2 >= small || (rest >= o.minShared && rest >= o.minContainment * (small - b)) || byWords.beside(Math.max(i, j), Math.min(i, j), bw)) agreeing++;
      }
    const isStock = agreeing * 2 < pairsSeen;
    verdicts.set(block, isStock);
    if (isStock) stock.add(t);
  }
  // A stock block's own rare words (the paper's name, its town) are stock too.
  const stockWords = new Set<number>();
  for (let x = 0; x < wordBlocks.length; x += 2) if (verdicts.get(wordBlocks[x + 1]!) === true) stockWords.add(wordBlocks[x]!);
  return { stock, stockWords };
}

/** A 53-bit hash of a list of document ids (`at(from)` … `at(to - 1)`): a block's carriers. */
function carriersKey(at: (k: number) => number, from: number, to: number): number {
  let h1 = 0x2545f491;
  let h2 = to - from;
  for (let k = from; k < to; k++) {
    h1 = Math.imul(h1 ^ at(k), 0x5bd1e995);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ at(k), 0x85ebca6b) + 0x165667b1;
    h2 ^= h2 >>> 13;
  }
  return (h2 & 0x1fffff) * 4294967296 + (h1 >>> 0);
}

/** Documents a story grouping can take: a (trigram, document) pair is one exact float64. */
const DOC_SPACE = 2 ** 21;

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
  if (docs.length >= DOC_SPACE) throw new RangeError(`at most ${DOC_SPACE - 1} articles can be grouped at once (got ${docs.length}).`);
  const words = indexWords(docs);
  const byWords = rareWordAgreement(docs, words, o);
  const { stock, stockWords } = stockTrigrams(docs.map((d) => d.trigrams), o, byWords, words);
  const sets = stock.size === 0 ? docs.map((d) => d.trigrams) : docs.map((d) => d.trigrams.filter((t) => !stock.has(t)));
  const stories = linkByTrigrams(sets, near, o);
  // Names and figures merge stories without a stock block's own words: a house line that names
  // the paper and its town is no agreement between two stories.
  joinByRareWords(docs, near, byWords, stockWords.size === 0 ? byWords : rareWordAgreement(docs, words, o, stockWords), stories);
  joinByStoryWords(docs, words, near, stories);
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
function joinByStoryWords(docs: readonly StoryDocument[], words: WordIndex, near: (i: number, j: number) => boolean, stories: ReturnType<typeof components>): void {
  const roots = docs.map((_, i) => stories.find(i));
  const size = new Map<number, number>();
  for (const r of roots) size.set(r, (size.get(r) ?? 0) + 1);
  const joins: Array<[number, number]> = [];
  docs.forEach((d, i) => {
    const own = words.ofDoc[i]!;
    if (size.get(roots[i]!)! !== 1 || d.time === undefined || own.length === 0) return;
    const score = new Map<number, number>();
    for (const w of own) {
      const from = words.start[w]!;
      const to = words.start[w + 1]!;
      // A word in thousands of articles is nobody's own.
      if (to - from > MAX_STORY_WORD_POSTINGS) continue;
      // Counted among the articles of its time only: a name can return in another week's story.
      let outside = 0;
      const inStory = new Map<number, number>();
      for (let e = from; e < to; e++) {
        const j = words.docs[e]!;
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
    if (best === undefined || best[1] < MIN_STORY_WORDS || best[1] < MIN_STORY_WORD_SHARE * own.length) return;
    joins.push([i, best[0]]);
  });
  for (const [i, story] of joins) stories.union(i, story);
}

/**
 * Inside the time window, shared names and figures link too: a newspaper's rewrite keeps them
 * when it keeps few of the wire's trigrams. This evidence is weaker than shared text, so it
 * never chains: an article alone joins the story it has the most such pairs with, and two
 * stories merge only when the pairs between them number at least the smaller story's size
 * (counted without the stock blocks' own words: `withoutStock`).
 */
function joinByRareWords(docs: readonly StoryDocument[], near: (i: number, j: number) => boolean, byWords: WordAgreement, withoutStock: WordAgreement, stories: ReturnType<typeof components>): void {
  const size = new Map<number, number>();
  for (let i = 0; i < docs.length; i++) size.set(stories.find(i), (size.get(stories.find(i)) ?? 0) + 1);
  // Agreeing pairs between stories (by their roots before any join).
  const edgesOf = (agreement: WordAgreement): Array<{ a: number; b: number; n: number }> => {
    const between = new Map<string, { a: number; b: number; n: number }>();
    for (const [i, j] of agreement.pairs()) {
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
    return [...between.values()].sort((p, q) => p.a - q.a || p.b - q.b);
  };
  const edges = edgesOf(byWords);
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
  // Stories: only on substantial evidence, judged on the stories as the text formed them, and
  // never on a stock block's own words (a house line naming the paper and its town).
  const merges = (withoutStock === byWords ? edges : edgesOf(withoutStock)).filter((e) => size.get(e.a)! > 1 && size.get(e.b)! > 1 && e.n >= Math.min(size.get(e.a)!, size.get(e.b)!));
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
  /** Whether word `w` is rare. */
  rare(w: number): boolean;
  /** Whether `i` and `j` agree on rare words beside `k` rare words both carry (a block's own). */
  beside(i: number, j: number, k: number): boolean;
}

/** Content words as integer ids: each document's, and each word's documents (ascending). */
interface WordIndex {
  readonly ofDoc: readonly Int32Array[];
  /** Documents carrying word `w`: `docs[start[w] .. start[w + 1])`. */
  readonly start: Int32Array;
  readonly docs: Int32Array;
}

function indexWords(docs: readonly StoryDocument[]): WordIndex {
  // Documents that come with word ids share one vocabulary; the others' words are given ids here.
  const ids = new Map<string, number>();
  let vocabulary = 0;
  for (const d of docs) if (d.wordIds !== undefined) for (const w of d.wordIds) vocabulary = Math.max(vocabulary, w + 1);
  const ofDoc = docs.map((d) => {
    if (d.wordIds !== undefined) return d.wordIds;
    const out = new Int32Array(d.words?.size ?? 0);
    let k = 0;
    for (const w of d.words ?? []) {
      let id = ids.get(w);
      if (id === undefined) ids.set(w, (id = vocabulary + ids.size));
      out[k++] = id;
    }
    return out;
  });
  const start = new Int32Array(vocabulary + ids.size + 1);
  ids.clear();
  for (const a of ofDoc) for (const w of a) start[w + 1]!++;
  for (let w = 1; w < start.length; w++) start[w]! += start[w - 1]!;
  const fill = start.slice(0, start.length - 1);
  const postings = new Int32Array(start[start.length - 1]!);
  ofDoc.forEach((a, i) => {
    for (const w of a) postings[fill[w]!++] = i;
  });
  return { ofDoc, start, docs: postings };
}

function rareWordAgreement(docs: readonly StoryDocument[], words: WordIndex, o: Required<StoryOptions>, except: ReadonlySet<number> = new Set()): WordAgreement {
  if (o.minRareShared === 0) return Object.assign(() => false, { pairs: () => [], rare: () => false, beside: () => false });
  const cap = Math.max(15, Math.ceil(0.02 * docs.length));
  const df = (w: number): number => words.start[w + 1]! - words.start[w]!;
  const rare = (w: number): boolean => df(w) >= 2 && df(w) <= cap;
  const rareOf = words.ofDoc.map((a) => a.filter((w) => rare(w) && !except.has(w)));
  const size = rareOf.map((a) => a.length);
  // Pairs counted one document at a time against the earlier ones (a counter per document, reset
  // after each), keeping only the pairs that agree: a folder's pairs sharing one rare word are
  // millions, the agreeing ones few.
  const agreeing = new Map<number, number>();
  const counts = new Int32Array(docs.length);
  const touched: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (const w of rareOf[i]!)
      for (let e = words.start[w]!, end = words.start[w + 1]!; e < end; e++) {
        const j = words.docs[e]!;
        if (j >= i) break;
        if (counts[j] === 0) touched.push(j);
        counts[j]!++;
      }
    for (const j of touched) {
      const count = counts[j]!;
      counts[j] = 0;
      if (count >= o.minRareShared && count * 5 >= Math.min(size[i]!, size[j]!)) agreeing.set(i * docs.length + j, count);
    }
    touched.length = 0;
  }
  const agree = (i: number, j: number): boolean => agreeing.has(i * docs.length + j);
  const pairs = (): Array<[number, number]> =>
    [...agreeing.keys()]
      .sort((x, y) => x - y)
      .map((key): [number, number] => [Math.floor(key / docs.length), key % docs.length]);
  const beside = (i: number, j: number, k: number): boolean => {
    const count = (agreeing.get(i * docs.length + j) ?? 0) - k;
    return count >= o.minRareShared && count * 5 >= Math.min(size[i]!, size[j]!) - k;
  };
  return Object.assign(agree, { pairs, rare, beside });
}
