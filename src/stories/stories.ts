/**
 * Stories: articles grouped by document-level MinHash signatures and an LSH index, before any
 * passage is compared, so a folder of thousands of articles is processed story by story.
 *
 * A document's set is its word trigrams that hold at least one content word (trigrams made of
 * function words only, "said it was", are shared by unrelated articles). Outlets that take a
 * few paragraphs of a wire story share only a few percent of trigrams with it, so the index is
 * tuned for a low Jaccard threshold and every candidate pair is verified by exact containment.
 */

import { checkInteger, checkNumber, checkOptions } from '../errors.js';
import { bandBuckets, createLshIndex } from '../lsh/lsh.js';
import { optimalBands } from '../lsh/params.js';
import { containment, intersectionSize } from '../lsh/sets.js';
import { computeMinHash } from '../minhash/minhash.js';
import type { StoryOptions } from '../types.js';

/** Up to this many articles, every pair is verified directly (no index). */
const SMALL = 32;

/** Defaults of {@link StoryOptions}. */
export const defaultStoryOptions: Readonly<Required<StoryOptions>> = Object.freeze({
  threshold: 0.03,
  minContainment: 0.07,
  minShared: 8,
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
 * Groups documents into stories.
 *
 * @param sets - Each document's sorted trigram set.
 * @param options - Thresholds.
 * @returns Groups of document indices (each ascending), ordered by their first document.
 */
export function groupStories(sets: readonly Uint32Array[], options: StoryOptions = {}): number[][] {
  checkOptions('options', options);
  checkNumber('threshold', options.threshold, 0.001, 1);
  checkNumber('minContainment', options.minContainment, 0, 1);
  checkInteger('minShared', options.minShared, 0, 1_000_000);
  const o = { ...defaultStoryOptions, ...options };
  const parent = sets.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const verify = (i: number, j: number): void => {
    if (sameStory(sets[i]!, sets[j]!, o)) {
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  };
  if (sets.length <= SMALL) {
    // A handful of articles: verifying every pair exactly costs less than signing them.
    for (let i = 0; i < sets.length; i++) for (let j = 0; j < i; j++) if (sets[i]!.length > 0 && sets[j]!.length > 0) verify(i, j);
  } else {
    const index = createLshIndex({ threshold: o.threshold, scheme: 'oph' });
    sets.forEach((set, i) => {
      if (set.length === 0) return;
      const sig = computeMinHash(set, { scheme: 'oph' });
      for (const key of index.query(sig)) verify(i, Number(key));
      index.insert(String(i), sig);
    });
  }
  const groups = new Map<number, number[]>();
  sets.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  });
  return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
}
