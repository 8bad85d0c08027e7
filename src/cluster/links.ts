/**
 * Linking passages that derive from the same wire sentence. Candidates come from an inverted
 * index of content words (never from all pairs); each candidate pair is then verified with
 * more than one measure:
 *
 * - word trigrams (containment both ways) catch verbatim copies, cut clauses and merges;
 * - IDF-weighted content words catch rewording ("defence"/"defense", "Turkey"/"Turkiye" are
 *   folded already) while words every sentence of the story shares ("Azerbaijan",
 *   "Karabakh") weigh almost nothing, so sentences that merely share the topic do not link.
 */

import { murmur3Ints } from '../hash/murmur3.js';
import { containment, intersectionSize } from '../lsh/sets.js';
import type { LinkOptions } from '../types.js';
import type { Passage } from '../document/passage.js';

/** Scores of a verified pair. */
export interface PassageLink {
  /** Index of the first passage (in the story's passage list). */
  readonly a: number;
  /** Index of the second passage. */
  readonly b: number;
  /** Shared word trigrams. */
  readonly sharedTrigrams: number;
  /** Containment of a's trigrams in b's. */
  readonly containAB: number;
  /** Containment of b's trigrams in a's. */
  readonly containBA: number;
  /** Content words (stems) the two share. */
  readonly sharedContent: number;
  /** IDF-weighted share of the smaller content set found in the other. */
  readonly contentContainment: number;
  /** IDF-weighted Jaccard of the content sets. */
  readonly contentJaccard: number;
  /** Combined score in [0, 1] used to rank links. */
  readonly score: number;
  /**
   * The two state different facts: each gives two or more numbers the other lacks, and they
   * share fewer than that (a template sentence, "in 38 overs for the loss of 4 wickets" ~ "in 41
   * overs for the loss of 6 wickets", is two passages, not a rewording with number changes).
   */
  readonly otherFacts: boolean;
}

/** Defaults of {@link LinkOptions}. */
export const defaultLinkOptions: Readonly<Required<LinkOptions>> = Object.freeze({
  minContainment: 0.5,
  minContentJaccard: 0.4,
  maxPostingShare: 0.2,
});

/** Total IDF weight of a passage's content words. */
export function contentWeight(p: Passage, idf: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const w of p.content) s += idf.get(w) ?? 0;
  return s;
}

/**
 * Weight of each content word in a story: how specific it is to one sentence. A word of one
 * wire sentence appears once in each outlet that carries it; a topic word ("Karabakh") appears
 * in many sentences of every outlet. The weight is log(1 + L / r), with r the word's passages
 * per document that uses it and L the story's passages per document: an inverse document
 * frequency taken inside each document, so it does not fall as more outlets carry the same
 * sentence (a passage-level IDF did: adding a third copy could unlink the first two), and it
 * does not go to zero in a story of one sentence per document (each word then weighs alike).
 */
export function contentIdf(passages: readonly Passage[]): Map<string, number> {
  const df = new Map<string, number>();
  const docsWith = new Map<string, Set<number>>();
  const docs = new Set<number>();
  for (const p of passages) {
    docs.add(p.doc);
    for (const w of p.content) {
      df.set(w, (df.get(w) ?? 0) + 1);
      let s = docsWith.get(w);
      if (s === undefined) docsWith.set(w, (s = new Set()));
      s.add(p.doc);
    }
  }
  const perDocument = passages.length / Math.max(1, docs.size);
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log(1 + perDocument / (d / docsWith.get(w)!.size)));
  return idf;
}

/**
 * Whether two number lists state different facts: each has two or more numbers the other lacks,
 * and they share fewer than that (a number in a name, "Standard & Poor's 500", is shared by
 * every market report: "gained 19.72 points, or 1.98 percent" is still not "leapt 2.23 percent").
 */
function otherFacts(a: readonly string[], b: readonly string[]): boolean {
  return a.length >= 2 && b.length >= 2 && otherFactsOf(new Set(a), new Set(b));
}

/** {@link otherFacts} of the two lists' sets. */
function otherFactsOf(inA: ReadonlySet<string>, inB: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const n of inA) if (inB.has(n)) shared++;
  const onlyA = inA.size - shared;
  const onlyB = inB.size - shared;
  return onlyA >= 2 && onlyB >= 2 && shared < Math.min(onlyA, onlyB);
}

/**
 * Scores a pair of passages.
 *
 * @returns The link scores (not yet tested against thresholds).
 */
export function scorePair(
  p: Passage,
  q: Passage,
  idf: ReadonlyMap<string, number>,
  a: number,
  b: number,
  wp: number = contentWeight(p, idf),
  wq: number = contentWeight(q, idf),
): PassageLink {
  // Shared weight: walk the smaller set, look up weights only of shared words.
  const [small, large] = p.content.size <= q.content.size ? [p.content, q.content] : [q.content, p.content];
  let ws = 0;
  let sharedContent = 0;
  for (const w of small)
    if (large.has(w)) {
      ws += idf.get(w) ?? 0;
      sharedContent++;
    }
  return pairScores(p, q, a, b, wp, wq, ws, sharedContent);
}

/** The scores of a pair, given the weight (`ws`) and count of the content words they share. */
function pairScores(p: Passage, q: Passage, a: number, b: number, wp: number, wq: number, ws: number, sharedContent: number): PassageLink {
  const sharedTrigrams = intersectionSize(p.trigrams, q.trigrams);
  return linkScores(a, b, sharedTrigrams, p.trigrams.length, q.trigrams.length, wp, wq, ws, sharedContent, otherFacts(p.numbers, q.numbers));
}

/** The scores of a pair from what the two share: trigrams (of `tp` and `tq`), content words and their weight. */
function linkScores(a: number, b: number, sharedTrigrams: number, tp: number, tq: number, wp: number, wq: number, ws: number, sharedContent: number, facts: boolean): PassageLink {
  const containAB = tp === 0 ? 0 : sharedTrigrams / tp;
  const containBA = tq === 0 ? 0 : sharedTrigrams / tq;
  const contentContainment = Math.min(wp, wq) === 0 ? 0 : ws / Math.min(wp, wq);
  const contentJaccard = wp + wq - ws === 0 ? 0 : ws / (wp + wq - ws);
  const score = Math.max(containAB, containBA, contentJaccard);
  return { a, b, sharedTrigrams, containAB, containBA, sharedContent, contentContainment, contentJaccard, score, otherFacts: facts };
}

/**
 * A strong link stands on its own: most of one side's trigrams are in the other, or several
 * trigrams are shared and the content words agree, or nearly all the distinctive content words
 * of the smaller side are in the other (a reworded sentence) — four words or more, or two shared
 * trigrams beside them: three words of a short sentence ("A document is represented as a
 * vector.") are what any sentence on the topic holds. A title or list item found whole inside a
 * sentence four times its length ("I Saw Her Standing There.") links on none of the containment
 * tests: the sentence names it, it does not come from it.
 */
export function isStrongLink(l: PassageLink, o: Readonly<Required<LinkOptions>>): boolean {
  if (l.otherFacts) return false;
  const contain = Math.max(l.containAB, l.containBA);
  if (l.sharedTrigrams >= 6 && contain >= 0.3) return true;
  if (l.contentJaccard >= o.minContentJaccard) return true;
  if (titleInSentence(l, contain)) return false;
  if (l.sharedTrigrams >= 2 && contain >= o.minContainment) return true;
  if (l.sharedTrigrams >= 3 && contain >= 0.2 && l.contentJaccard >= 0.3) return true;
  return l.contentContainment >= 0.75 && l.contentJaccard >= 0.25 && (l.sharedContent >= 4 || l.sharedTrigrams >= 2);
}

/**
 * A passage of three trigrams or fewer (a title, a list item: "I Saw Her Standing There.")
 * found whole inside one four times its length: it names the same thing, it is not its source.
 */
function titleInSentence(l: PassageLink, contain: number): boolean {
  const other = Math.min(l.containAB, l.containBA);
  const small = l.sharedTrigrams / contain;
  return small <= 3 && (other === 0 || l.sharedTrigrams / other >= 4 * small);
}

/**
 * A weak link (a clause kept inside a merged sentence, a quote rewritten around the same
 * attribution) counts only with context: a strong link between the passages' neighbours.
 * Stock phrases ("internationally recognised as part of Azerbaijan", a minister's full title)
 * pass this test but find no such context, so sentences that merely share a topic stay apart.
 */
export function isWeakLink(l: PassageLink): boolean {
  if (l.otherFacts) return false;
  const contain = Math.max(l.containAB, l.containBA);
  return (l.sharedTrigrams >= 2 && contain >= 0.12 && l.contentContainment >= 0.3) || (l.contentJaccard >= 0.2 && l.contentContainment >= 0.4);
}

/**
 * A story's verified links, as three parallel arrays: link k joins passages `a[k] < b[k]` with
 * score `score[k]`, sorted by `a` then `b`. (A story of a thousand reprints has millions of
 * links: sixteen bytes each here, not an object each.)
 */
export interface Links {
  readonly length: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly score: Float64Array;
}

/**
 * Finds every verified link between passages of different documents, or of the same document
 * when an outlet repeats a passage.
 *
 * Exact copies of a sentence (the same trigrams, content words in order and numbers) are one
 * kind: candidates are found and scored once per pair of kinds, and every pair of their
 * passages gets that pair's verdict, as if each had been scored (a score reads nothing else).
 *
 * @param passages - The story's passages.
 * @param options - Thresholds.
 * @returns Links with `a < b`, sorted by `a` then `b`.
 */
export function linkPassages(passages: readonly Passage[], options: LinkOptions = {}): Links {
  const o = { ...defaultLinkOptions, ...options };
  const idf = contentIdf(passages);
  // A wire sentence's words recur once per outlet that carries it: a word is too common to
  // propose candidates only when it is in more passages than twice the documents (and than
  // `maxPostingShare` of all passages). A cap on passages alone would, as outlets are added,
  // silence exactly the words of the sentences they share.
  const documents = new Set(passages.map((p) => p.doc)).size;
  const maxPosting = Math.max(2, 2 * documents, Math.floor(passages.length * o.maxPostingShare));
  const { kindOf, members } = passageKinds(passages);
  const kinds = members.length;
  const weights = members.map((m) => contentWeight(passages[m[0]!]!, idf));
  const scoreKinds = kindScorer(passages, members, idf, weights);
  const candidates = candidateKinds(passages, members, maxPosting);
  const NONE = 0;
  const STRONG = 1;
  const WEAK = 2;
  // Each kind's candidate partners (both directions, itself once when it is one), ascending, with
  // the verdict on a passage of the kind scored against a later one of the partner's (found once,
  // when first asked: -1 until then) and that pair's score.
  const partnerCount = new Int32Array(kinds);
  for (let k = 0; k < kinds; k++)
    for (const k2 of candidates[k]!) {
      partnerCount[k]!++;
      if (k2 !== k) partnerCount[k2]!++;
    }
  const partnerStart = new Int32Array(kinds + 1);
  for (let k = 0; k < kinds; k++) partnerStart[k + 1] = partnerStart[k]! + partnerCount[k]!;
  const partners = new Int32Array(partnerStart[kinds]!);
  const fill = partnerStart.slice(0, kinds);
  for (let k = 0; k < kinds; k++)
    for (const k2 of candidates[k]!) {
      partners[fill[k]!++] = k2;
      if (k2 !== k) partners[fill[k2]!++] = k;
    }
  for (let k = 0; k < kinds; k++) partners.subarray(partnerStart[k]!, partnerStart[k + 1]!).sort();
  const partnerVerdict = new Int8Array(partners.length).fill(-1);
  const partnerScore = new Float64Array(partners.length);
  /** The verdict at partner slot t of kind x (a passage of kind x scored against a later one of the partner's kind). */
  const verdictAt = (x: number, t: number): number => {
    let v = partnerVerdict[t]!;
    if (v < 0) {
      const l = scoreKinds(x, partners[t]!);
      partnerVerdict[t] = v = isStrongLink(l, o) ? STRONG : isWeakLink(l) ? WEAK : NONE;
      partnerScore[t] = l.score;
    }
    return v;
  };
  /** Kind y's slot among kind x's partners, or -1 when the two are no candidates. */
  const slot = (x: number, y: number): number => indexInRow(partnerStart, partners, x, y);
  // Context for weak links: a strong link between neighbours (previous or next passage of each),
  // found once per passage (-1: none).
  // (Passages come in their documents' order, so a neighbour is usually beside it in the list;
  // otherwise it is looked up.)
  let byPosition: Map<string, number> | undefined;
  const neighbourOf = (p: Passage, i: number, step: number): number => {
    const q = passages[i + step];
    if (q !== undefined && q.doc === p.doc && q.index === p.index + step) return i + step;
    if (byPosition === undefined) {
      byPosition = new Map();
      passages.forEach((x, k) => byPosition!.set(`${x.doc}:${x.index}`, k));
    }
    return byPosition.get(`${p.doc}:${p.index + step}`) ?? -1;
  };
  const previous = new Int32Array(passages.length);
  const next = new Int32Array(passages.length);
  passages.forEach((p, i) => {
    previous[i] = neighbourOf(p, i, -1);
    next[i] = neighbourOf(p, i, 1);
  });
  const strongPair = (x: number, y: number): boolean => {
    if (x < 0 || y < 0 || x === y) return false;
    const i = x < y ? x : y;
    const j = x < y ? y : x;
    const t = slot(kindOf[i]!, kindOf[j]!);
    return t >= 0 && verdictAt(kindOf[i]!, t) === STRONG;
  };
  const supported = (i: number, j: number): boolean =>
    strongPair(previous[i]!, previous[j]!) || strongPair(previous[i]!, next[j]!) || strongPair(next[i]!, previous[j]!) || strongPair(next[i]!, next[j]!);
  // Each passage's row of links to later passages, ascending: the members after it of every kind
  // its kind is a candidate with, by that pair's verdict. Passages come in order, so the members
  // of a kind up to the passage are counted as it goes (`upTo`), not searched for.
  const upTo = new Int32Array(kinds);
  // Twice over the passages: first counting each one's row, then writing the rows into arrays
  // of the exact size (a story of two thousand copies has tens of millions of links: arrays
  // grown by doubling held up to three times that while the last was copied).
  let row = new Int32Array(64);
  const scoreOfKind = new Float64Array(kinds);
  /** Passage i's row into `row` (not yet sorted), its partner kinds' scores into `scoreOfKind`; returns its length. */
  const rowOf = (i: number): number => {
    const ki = kindOf[i]!;
    let n = 0;
    for (let t = partnerStart[ki]!, end = partnerStart[ki + 1]!; t < end; t++) {
      const k2 = partners[t]!;
      const m = members[k2]!;
      const lo = upTo[k2]!;
      if (lo === m.length) continue;
      const found = verdictAt(ki, t);
      if (found === NONE) continue;
      scoreOfKind[k2] = partnerScore[t]!;
      if (n + m.length - lo > row.length) row = grow(row, n + m.length - lo);
      for (let x = lo; x < m.length; x++) if (found === STRONG || supported(i, m[x]!)) row[n++] = m[x]!;
    }
    return n;
  };
  const counts = new Int32Array(passages.length);
  let length = 0;
  for (let i = 0; i < passages.length; i++) {
    upTo[kindOf[i]!]!++;
    length += counts[i] = rowOf(i);
  }
  const a = new Int32Array(length);
  const b = new Int32Array(length);
  const score = new Float64Array(length);
  upTo.fill(0);
  let at = 0;
  for (let i = 0; i < passages.length; i++) {
    upTo[kindOf[i]!]!++;
    if (counts[i] === 0) continue;
    const n = rowOf(i);
    const js = row.subarray(0, n).sort();
    for (const j of js) {
      a[at] = i;
      b[at] = j;
      score[at++] = scoreOfKind[kindOf[j]!]!;
    }
  }
  return { length, a, b, score };
}

/**
 * Candidate pairs of kinds: `candidates[k]` lists the kinds k2 ≥ k that share a content word
 * with k which at most `maxPosting` passages hold (copies count, as passages).
 */
function candidateKinds(passages: readonly Passage[], members: readonly number[][], maxPosting: number): number[][] {
  const kinds = members.length;
  const postings = new Map<string, { kinds: number[]; passages: number }>();
  for (let k = 0; k < kinds; k++)
    for (const w of passages[members[k]![0]!]!.content) {
      let list = postings.get(w);
      if (list === undefined) postings.set(w, (list = { kinds: [], passages: 0 }));
      list.kinds.push(k);
      list.passages += members[k]!.length;
    }
  const candidates: number[][] = Array.from({ length: kinds }, () => []);
  const stamp = new Int32Array(kinds).fill(-1);
  for (let k = 0; k < kinds; k++)
    for (const w of passages[members[k]![0]!]!.content) {
      const list = postings.get(w)!;
      if (list.passages > maxPosting) continue;
      for (const k2 of list.kinds) {
        if (k2 < k || stamp[k2] === k) continue;
        stamp[k2] = k;
        candidates[k]!.push(k2);
      }
    }
  return candidates;
}

/**
 * Scores of a kind's passage against another kind's, as {@link scorePair} gives them, over ids:
 * each kind's content words and trigrams as ids of the story's. The first kind's are marked
 * (and stay marked while it is asked again, as it is for each of its partners in turn), the
 * other's are counted against them; the shared weight is summed in the smaller content set's
 * order, as scorePair sums it.
 */
function kindScorer(passages: readonly Passage[], members: readonly number[][], idf: ReadonlyMap<string, number>, weights: readonly number[]): (x: number, y: number) => PassageLink {
  const wordId = new Map<string, number>();
  const idfOf: number[] = [];
  for (const [w, v] of idf) {
    wordId.set(w, idfOf.length);
    idfOf.push(v);
  }
  // A kind's words and trigrams as ids, made when it is first scored (in a small story most
  // kinds never are).
  const contentIds: Array<Int32Array | undefined> = new Array(members.length);
  const trigramIds: Array<Int32Array | undefined> = new Array(members.length);
  const trigramId = new Map<number, number>();
  const contentOf = (k: number): Int32Array => {
    let ids = contentIds[k];
    if (ids === undefined) {
      const words = passages[members[k]![0]!]!.content;
      contentIds[k] = ids = new Int32Array(words.size);
      let i = 0;
      for (const w of words) ids[i++] = wordId.get(w)!;
    }
    return ids;
  };
  const trigramsOf = (k: number): Int32Array => {
    let ids = trigramIds[k];
    if (ids === undefined) {
      const trigrams = passages[members[k]![0]!]!.trigrams;
      trigramIds[k] = ids = new Int32Array(trigrams.length);
      for (let i = 0; i < trigrams.length; i++) {
        let id = trigramId.get(trigrams[i]!);
        if (id === undefined) trigramId.set(trigrams[i]!, (id = trigramId.size));
        ids[i] = id;
      }
    }
    return ids;
  };
  let trigramTotal = 0;
  for (const m of members) trigramTotal += passages[m[0]!]!.trigrams.length;
  const wordOf = new Int32Array(idfOf.length).fill(-1);
  const trigramOf = new Int32Array(trigramTotal).fill(-1);
  const otherWord = new Int32Array(idfOf.length).fill(-1);
  let marks = 0;
  let marked = -1;
  const numberCount = Int32Array.from(members, (m) => passages[m[0]!]!.numbers.length);
  const numberSets = new Map<number, Set<string>>();
  const numbersOf = (k: number): Set<string> => {
    let set = numberSets.get(k);
    if (set === undefined) numberSets.set(k, (set = new Set(passages[members[k]![0]!]!.numbers)));
    return set;
  };
  return (x, y) => {
    if (marked !== x) {
      marked = x;
      for (const id of contentOf(x)) wordOf[id] = x;
      for (const id of trigramsOf(x)) trigramOf[id] = x;
    }
    let sharedTrigrams = 0;
    for (const id of trigramsOf(y)) if (trigramOf[id] === x) sharedTrigrams++;
    const cx = contentOf(x);
    const cy = contentOf(y);
    let ws = 0;
    let sharedContent = 0;
    if (cx.length <= cy.length) {
      const mark = marks++;
      for (const id of cy) otherWord[id] = mark;
      for (const id of cx)
        if (otherWord[id] === mark) {
          ws += idfOf[id]!;
          sharedContent++;
        }
    } else
      for (const id of cy)
        if (wordOf[id] === x) {
          ws += idfOf[id]!;
          sharedContent++;
        }
    const facts = numberCount[x]! >= 2 && numberCount[y]! >= 2 && otherFactsOf(numbersOf(x), numbersOf(y));
    return linkScores(0, 0, sharedTrigrams, trigramsOf(x).length, trigramsOf(y).length, weights[x]!, weights[y]!, ws, sharedContent, facts);
  };
}

/**
 * Where `y` is in row `x` of compressed rows (row x is `values[start[x]..start[x + 1])`,
 * ascending), or -1.
 *
 * @internal
 */
export function indexInRow(start: Int32Array, values: Int32Array, x: number, y: number): number {
  let lo = start[x]!;
  let hi = start[x + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid]!;
    if (v === y) return mid;
    if (v < y) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function grow(x: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const y = new Int32Array(Math.max(size, x.length * 2));
  y.set(x);
  return y;
}

/**
 * Links from lists of pairs (each `a < b`), sorted by `a` then `b`.
 *
 * @internal
 */
export function sortedLinks(pairs: ReadonlyArray<{ readonly a: number; readonly b: number; readonly score: number }>): Links {
  const order = [...pairs].sort((x, y) => x.a - y.a || x.b - y.b);
  return {
    length: order.length,
    a: Int32Array.from(order, (l) => l.a),
    b: Int32Array.from(order, (l) => l.b),
    score: Float64Array.from(order, (l) => l.score),
  };
}

/**
 * The links that `keep` keeps, in order.
 *
 * @internal
 */
export function filterLinks(links: Links, keep: (a: number, b: number) => boolean): Links {
  const at: number[] = [];
  for (let k = 0; k < links.length; k++) if (keep(links.a[k]!, links.b[k]!)) at.push(k);
  return { length: at.length, a: Int32Array.from(at, (k) => links.a[k]!), b: Int32Array.from(at, (k) => links.b[k]!), score: Float64Array.from(at, (k) => links.score[k]!) };
}

/**
 * Passages by what a score reads of them (trigrams, content words in order, numbers): `kindOf[i]`
 * is passage i's kind, and `members[k]` the passages of kind k, ascending. Passages are bucketed
 * by a hash of their trigrams and compared whole within a bucket.
 */
function passageKinds(passages: readonly Passage[]): { kindOf: Int32Array; members: number[][] } {
  const buckets = new Map<number, number[]>();
  const kindOf = new Int32Array(passages.length);
  const members: number[][] = [];
  passages.forEach((p, i) => {
    const h = murmur3Ints(p.trigrams, 0, p.trigrams.length, p.content.size);
    let bucket = buckets.get(h);
    if (bucket === undefined) buckets.set(h, (bucket = []));
    let k = bucket.find((x) => sameFeatures(passages[members[x]![0]!]!, p));
    if (k === undefined) {
      k = members.length;
      members.push([]);
      bucket.push(k);
    }
    kindOf[i] = k;
    members[k]!.push(i);
  });
  return { kindOf, members };
}

/** Whether a score reads the same of two passages. */
function sameFeatures(p: Passage, q: Passage): boolean {
  if (p.trigrams.length !== q.trigrams.length || p.content.size !== q.content.size || p.numbers.length !== q.numbers.length) return false;
  for (let t = 0; t < p.trigrams.length; t++) if (p.trigrams[t] !== q.trigrams[t]) return false;
  for (let t = 0; t < p.numbers.length; t++) if (p.numbers[t] !== q.numbers[t]) return false;
  // Content words in the same order (a score sums their weights in that order).
  const a = p.content.values();
  for (const w of q.content) if (a.next().value !== w) return false;
  return true;
}

export { containment };
