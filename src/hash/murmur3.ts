/**
 * Hashing primitives: MurmurHash3 (Appleby, 2008; x86_32 variant) over UTF-16 code units and
 * over sequences of 32-bit integers, its `fmix32` finaliser.
 * All arithmetic stays in 32 bits with `Math.imul`, so results are identical on every engine.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finalisation mix: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3_x86_32 of a string, reading its UTF-16 code units two to a 32-bit block
 * (little-endian), so the result equals MurmurHash3 of the UTF-16LE bytes.
 *
 * @param s - The string.
 * @param seed - 32-bit seed.
 * @returns An unsigned 32-bit hash.
 */
export function murmur3String(s: string, seed: number): number {
  let h = seed | 0;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = mixBlock(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  return fmix32(h ^ (n * 2));
}

/**
 * MurmurHash3_x86_32 of `count` 32-bit integers taken from `values` at `offset`: the hash of
 * a word shingle is this over its words' hashes, so no shingle string is ever built.
 */
export function murmur3Ints(values: ArrayLike<number>, offset: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixBlock(h, values[offset + i]! | 0);
  return fmix32(h ^ (count * 4));
}

