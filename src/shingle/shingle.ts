/**
 * Word k-gram shingles, hashed to 32-bit integers. Each word is hashed once (MurmurHash3 over
 * its UTF-16 code units); a shingle's hash is MurmurHash3 over its k word hashes. A text with
 * fewer than k words still yields one shingle (all its words), so short sentences are
 * comparable rather than invisible.
 */

import { checkInteger, checkOptions } from '../errors.js';
import { murmur3Ints, murmur3String } from '../hash/murmur3.js';

/** Options for {@link shingleWords}. */
export interface ShingleOptions {
  /**
   * Words per shingle.
   * @default 5
   */
  k?: number;
  /**
   * Seed of the word and shingle hashes. Part of any serialised signature.
   * @default 1
   */
  seed?: number;
}

/** Defaults for {@link shingleWords}: word 5-shingles, seed 1. */
export const defaultShingleOptions: Readonly<{ k: number; seed: number }> = Object.freeze({ k: 5, seed: 1 });

/**
 * Hashes each word to a 32-bit integer.
 *
 * @param words - Word strings (already normalised).
 * @param seed - Hash seed.
 * @returns One hash per word.
 */
export function hashWords(words: readonly string[], seed = defaultShingleOptions.seed): Uint32Array {
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = murmur3String(words[i]!, seed);
  return out;
}

/**
 * Hashes word k-grams. For n ≥ k words there are n − k + 1 shingles; for 0 < n < k there is
 * one; for no words there are none. Duplicates are kept (see {@link toShingleSet}).
 *
 * @param words - Word strings, or word hashes from {@link hashWords}.
 * @param options - `k` and `seed`.
 * @returns Shingle hashes in text order.
 * @throws RangeError when `k` is not an integer from 1 to 64.
 * @example
 * ```ts
 * shingleWords(['a', 'b', 'c', 'd'], { k: 3 }).length; // 2
 * ```
 */
export function shingleWords(words: readonly string[] | Uint32Array, options: ShingleOptions = {}): Uint32Array {
  checkOptions('options', options);
  checkInteger('k', options.k, 1, 64);
  checkInteger('seed', options.seed, 0, 0xffffffff);
  const { k, seed } = { ...defaultShingleOptions, ...options };
  const hashes = words instanceof Uint32Array ? words : hashWords(words, seed);
  const n = hashes.length;
  if (n === 0) return new Uint32Array(0);
  if (n < k) return Uint32Array.of(murmur3Ints(hashes, 0, n, seed));
  const out = new Uint32Array(n - k + 1);
  for (let i = 0; i + k <= n; i++) out[i] = murmur3Ints(hashes, i, k, seed);
  return out;
}

/**
 * Turns shingle hashes into a set: sorted ascending, duplicates removed. Exact Jaccard and
 * containment work on this form.
 *
 * @param shingles - Shingle hashes.
 * @returns A new sorted, duplicate-free array.
 */
export function toShingleSet(shingles: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(shingles).sort();
  let w = 0;
  for (let r = 0; r < sorted.length; r++) {
    if (r === 0 || sorted[r] !== sorted[w - 1]) sorted[w++] = sorted[r]!;
  }
  return sorted.slice(0, w);
}
