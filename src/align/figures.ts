/**
 * Figures as evidence of wire versions: an agency that updates a toll between takes leaves every
 * copy of each take with its own figure in an otherwise unchanged sentence; an outlet's own
 * change, or the figures of a sentence it merged in, are in that outlet alone.
 */

import stringSimilarity from 'string-similarity';
import type { SourcedWord } from '../diff/sourced.js';
import type { Doc } from '../document/document.js';

/** Least word similarity of two copies' sentences that are the same sentence but for figures. */
const SAME_SENTENCE = 0.8;

/** Fewest words, and least share of the whole, of a sentence's part that stands for it. */
const PART_WORDS = 6;
const PART_SHARE = 0.4;

/** A figure: digits with the separators inside them (also in a name: an agency may correct "M4" to "M5"). */
const FIGURE = /\d(?:[\d.,]*\d)?/g;

/** A sentence's words with every figure the same, so two takes' sentences compare on the rest. */
function unfigured(words: readonly SourcedWord[]): string {
  return words.map((w) => (/^\d/.test(w.norm) ? '#' : w.norm)).join(' ');
}

/** Whether two copies' sentences (figures masked) are alike word for word but for a few. */
function alikeSentences(x: string, y: string): boolean {
  return stringSimilarity.compareTwoStrings(x, y) >= SAME_SENTENCE;
}

/**
 * Whether one copy's sentence (figures masked) is the other's unchanged first or last part (an
 * outlet split the sentence, or cut its tail), long enough to be more than a formula.
 */
function partOf(x: string, y: string): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const words = short.split(' ').length;
  return words >= PART_WORDS && words >= PART_SHARE * long.split(' ').length && (long.startsWith(`${short} `) || long.endsWith(` ${short}`));
}

/** What the version stage asks of a story's figures. */
export interface FigureEvidence {
  /** Whether each gives, in a wire passage both carry, a figure the other lacks and another copy also gives. */
  readonly figuresDiffer: (a: Doc, b: Doc) => boolean;
  /**
   * The copies grouped by the figures they give in the wire passage whose figures divide the most
   * copies into two or more sets, each given by `least` copies or more (default two; one of them
   * always by two), where the groups' sentences are the same but for the figures (a toll updated,
   * not a sentence papers rewrote; word for word for a figure one copy alone gives); or `null`.
   */
  readonly figureGroups: (least?: number) => Doc[][] | null;
}

/**
 * Reads a story's figures per wire passage.
 *
 * @param docs - The story's documents.
 * @param passageIndex - Index of each document's first passage.
 * @param wireOf - Wire cluster indices per passage.
 * @param sourcedOf - A passage's words, as the diff stage reads them.
 * @returns The evidence the version stage uses.
 */
export function figureEvidence(
  docs: readonly Doc[],
  passageIndex: ReadonlyMap<Doc, number>,
  wireOf: readonly (readonly number[])[],
  sourcedOf: (g: number) => SourcedWord[],
): FigureEvidence {
  // Per document and wire passage: the figures its passages there give, and its first such passage.
  const byDoc = new Map<Doc, Map<number, { figures: Set<string>; passage: number }>>();
  const attested = new Map<string, number>();
  for (const d of docs) {
    const mine = new Map<number, { figures: Set<string>; passage: number }>();
    const base = passageIndex.get(d)!;
    for (const p of d.passages) {
      const found = d.text.slice(p.start, p.end).match(FIGURE) ?? [];
      if (found.length === 0) continue;
      for (const k of wireOf[base + p.index]!) {
        const at = mine.get(k) ?? { figures: new Set<string>(), passage: base + p.index };
        for (const f of found) at.figures.add(f);
        mine.set(k, at);
      }
    }
    byDoc.set(d, mine);
    for (const [k, { figures }] of mine) for (const f of figures) attested.set(`${k} ${f}`, (attested.get(`${k} ${f}`) ?? 0) + 1);
  }
  const ownFigure = (k: number, from: ReadonlySet<string>, other: ReadonlySet<string>): boolean => [...from].some((f) => !other.has(f) && attested.get(`${k} ${f}`)! >= 2);
  // Asked for many pairs in the version stage's loops: each pair is read once.
  const known = new Map<string, boolean>();
  const figuresDiffer = (a: Doc, b: Doc): boolean => {
    const key = a.index < b.index ? `${a.index} ${b.index}` : `${b.index} ${a.index}`;
    let differ = known.get(key);
    if (differ === undefined) {
      differ = false;
      const inB = byDoc.get(b)!;
      for (const [k, { figures }] of byDoc.get(a)!) {
        const theirs = inB.get(k)?.figures;
        if (theirs !== undefined && ownFigure(k, figures, theirs) && ownFigure(k, theirs, figures)) {
          differ = true;
          break;
        }
      }
      known.set(key, differ);
    }
    return differ;
  };
  const figureGroups = (least = 2): Doc[][] | null => {
    const byCluster = new Map<number, Map<string, Doc[]>>();
    for (const d of docs)
      for (const [k, { figures }] of byDoc.get(d)!) {
        const key = [...figures].sort().join(' ');
        const variants = byCluster.get(k) ?? new Map<string, Doc[]>();
        variants.set(key, [...(variants.get(key) ?? []), d]);
        byCluster.set(k, variants);
      }
    let best: Doc[][] | null = null;
    let bestSize = 0;
    for (const k of [...byCluster.keys()].sort((a, b) => a - b)) {
      const variants = [...byCluster.get(k)!.entries()].filter(([, g]) => g.length >= least);
      if (!variants.some(([, g]) => g.length >= 2)) continue;
      const groups = variants.map(([, g]) => g);
      // Each group gives a figure the other lacks.
      const figuresOf = variants.map(([key]) => new Set(key.split(' ')));
      const replaced = (i: number, j: number): boolean => [...figuresOf[i]!].some((f) => !figuresOf[j]!.has(f)) && [...figuresOf[j]!].some((f) => !figuresOf[i]!.has(f));
      const size = groups.reduce((n, g) => n + g.length, 0);
      if (groups.length < 2 || size <= bestSize) continue;
      const sentences = groups.map((g) => g.map((d) => unfigured(sourcedOf(byDoc.get(d)!.get(k)!.passage))));
      // The same sentence but for its figures; where one is a part of the other, the whole may
      // give figures beyond the part, so only a figure replaced says anything.
      const some = (i: number, j: number, same: (x: string, y: string) => boolean): boolean => sentences[i]!.some((x) => sentences[j]!.some((y) => same(x, y)));
      // A figure one copy alone gives is read as a take's only when nothing else in its sentence
      // differs (an outlet that rewrote the sentence may have written its own figure too).
      const alone = (i: number): boolean => groups[i]!.length === 1;
      const identical = (x: string, y: string): boolean => x === y;
      const alike = (i: number, j: number): boolean =>
        (alone(i) || alone(j) ? some(i, j, identical) : some(i, j, alikeSentences)) || (replaced(i, j) && some(i, j, partOf));
      if (groups.every((_, i) => groups.every((__, j) => j <= i || alike(i, j)))) [best, bestSize] = [groups, size];
    }
    return best;
  };
  return { figuresDiffer, figureGroups };
}
