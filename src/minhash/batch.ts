/**
 * Many texts to MinHash signatures in one call, at the cost of reading them: words are found and
 * hashed in place over the code units (lower-cased as they are read), shingle hashes go into one
 * reused buffer, and signatures are written into one preallocated array. The signatures are
 * exactly those of `computeMinHash(shingleWords(words))` with the words `tokenizeWords` finds in
 * `normalizeKey(text)` (a test holds the two paths equal); text with characters beyond ASCII
 * and common news punctuation (accented letters, other scripts) takes that path.
 */

import { checkInteger, checkOptions } from '../errors.js';
import { fmix32, murmur3Ints } from '../hash/murmur3.js';
import { normalizeKey } from '../normalize/normalize.js';
import { defaultShingleOptions, hashWords } from '../shingle/shingle.js';
import { tokenizeWords } from '../shingle/tokenize.js';
import { defaultMinHashOptions, kpermInto, MINHASH_ALGORITHM, OPH_ALGORITHM, ophInto, type MinHashSignature } from './minhash.js';

/** Options of {@link sketchTexts}. */
export interface SketchOptions {
  /** Words per shingle. @default 5 */
  k?: number;
  /** Seed of the word, shingle and permutation hashes. @default 1 */
  seed?: number;
  /** Signature length. @default 128 */
  numPerm?: number;
  /** `kperm` (independent permutations) or `oph` (one permutation, densified). @default 'kperm' */
  scheme?: 'kperm' | 'oph';
}

/** The signatures of many texts, one row of `numPerm` values per text. */
export interface SketchBatch {
  /** The signatures' algorithm id (as `MinHashSignature.algorithm`). */
  readonly algorithm: string;
  readonly seed: number;
  readonly numPerm: number;
  /** Text `i`'s signature is `signatures.subarray(i * numPerm, (i + 1) * numPerm)`. */
  readonly signatures: Uint32Array;
  /** Text `i`'s signature as a `MinHashSignature` (a view, no copy). */
  at(i: number): MinHashSignature;
}

// Character classes as tokenizeWords has them, for ASCII: 1 letter, 2 digit, 3 "_", 0 other.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = 2;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = 1;
ASCII_CLASS[0x5f] = 3;
// Joiners (after unitOf): between letters ' . :, between digits . , ; '.
const JOINS_LETTERS = new Uint8Array(128);
const JOINS_DIGITS = new Uint8Array(128);
for (const c of [0x27, 0x2e, 0x3a]) JOINS_LETTERS[c] = 1;
for (const c of [0x2e, 0x2c, 0x3b, 0x27]) JOINS_DIGITS[c] = 1;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * A code unit as `normalizeKey` leaves it, for ASCII and the punctuation news copy is full of:
 * lower case, the backtick and curly apostrophes read as "'", curly double quotes, dashes, the
 * ellipsis and the no-break space as the separators they become; -1 for anything else (the
 * general path takes that text).
 */
function unitOf(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c === 0x60 ? 0x27 : c;
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x2032:
    case 0x2bc:
      return 0x27;
    case 0x201c:
    case 0x201d:
      return 0x22;
    case 0x2013:
    case 0x2014:
      return 0x2d;
    case 0x2026:
    case 0xa0:
      return 0x20;
    default:
      return -1;
  }
}

/**
 * Word hashes of an ASCII text into `out` (grown as needed); returns the count, or -1 when the
 * text is not ASCII. Each word is MurmurHash3 over its code units as normalised, two to a block,
 * computed as it is read (locals only: nothing is allocated per word).
 */
function asciiWordHashes(text: string, seed: number, out: { words: Int32Array }): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    const u0 = c0 < 0x80 ? (c0 >= 0x41 && c0 <= 0x5a ? c0 + 32 : c0 === 0x60 ? 0x27 : c0) : unitOf(c0);
    if (u0 < 0) return -1;
    let last = ASCII_CLASS[u0]!;
    if (last === 0) {
      i++;
      continue;
    }
    let h = seed | 0;
    let units = 1;
    let pending = u0;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      const u = c < 0x80 ? (c >= 0x41 && c <= 0x5a ? c + 32 : c === 0x60 ? 0x27 : c) : unitOf(c);
      if (u < 0) return -1;
      const k = ASCII_CLASS[u]!;
      if (k === 0) {
        if (i + 1 >= n) break;
        const d = unitOf(text.charCodeAt(i + 1));
        if (d < 0) return -1;
        const next = ASCII_CLASS[d]!;
        const joins = (last === 1 && next === 1 && JOINS_LETTERS[u] === 1) || (last === 2 && next === 2 && JOINS_DIGITS[u] === 1);
        if (!joins) break;
      } else last = k;
      // Take the unit: the second of a pair completes a block.
      units++;
      if (pending < 0) pending = u;
      else {
        let b = Math.imul(pending | (u << 16), C1);
        b = (b << 15) | (b >>> 17);
        h ^= Math.imul(b, C2);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        pending = -1;
      }
      i++;
    }
    if (pending >= 0) {
      let b = Math.imul(pending, C1);
      b = (b << 15) | (b >>> 17);
      h ^= Math.imul(b, C2);
    }
    h ^= units * 2;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    if (count === out.words.length) {
      const grown = new Int32Array(out.words.length * 2);
      grown.set(out.words);
      out.words = grown;
    }
    out.words[count++] = h;
  }
  return count;
}

/**
 * Sketches many texts (paragraphs, sentences, articles): word k-shingles of each, MinHashed.
 *
 * @param texts - The texts.
 * @param options - Shingle size, seed, signature length and scheme.
 * @returns One signature per text, in one array.
 * @throws TypeError or RangeError naming a bad option or text.
 * @example
 * ```ts
 * const batch = sketchTexts(paragraphs, { scheme: 'oph' });
 * estimateJaccard(batch.at(0), batch.at(1));
 * ```
 */
export function sketchTexts(texts: readonly string[], options: SketchOptions = {}): SketchBatch {
  if (!Array.isArray(texts)) throw new TypeError('texts must be an array of strings.');
  checkOptions('options', options);
  checkInteger('k', options.k, 1, 64);
  checkInteger('seed', options.seed, 0, 0xffffffff);
  checkInteger('numPerm', options.numPerm, 1, 4096);
  if (options.scheme !== undefined && options.scheme !== 'kperm' && options.scheme !== 'oph')
    throw new TypeError(`scheme must be "kperm" or "oph" (got ${JSON.stringify(options.scheme)}).`);
  const k = options.k ?? defaultShingleOptions.k;
  const seed = options.seed ?? defaultMinHashOptions.seed;
  const numPerm = options.numPerm ?? defaultMinHashOptions.numPerm;
  const scheme = options.scheme ?? 'kperm';
  const signatures = new Uint32Array(texts.length * numPerm);
  const scratch = { words: new Int32Array(1024) };
  let shingles = new Uint32Array(1024);
  let mixed = new Int32Array(1024);
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t];
    if (typeof text !== 'string') throw new TypeError(`texts[${t}] must be a string (got ${text === null ? 'null' : typeof text}).`);
    let words = asciiWordHashes(text, seed, scratch);
    let hashes: ArrayLike<number> = scratch.words;
    if (words < 0) {
      // Not ASCII: the general path (NFKC, every script's case and quotes, Intl word breaks).
      const general = hashWords(tokenizeWords(normalizeKey(text)).map((w) => w.text), seed);
      hashes = general;
      words = general.length;
    }
    const count = words === 0 ? 0 : words < k ? 1 : words - k + 1;
    if (count > shingles.length) shingles = new Uint32Array(Math.max(count, shingles.length * 2));
    if (words > 0 && words < k) shingles[0] = murmur3Ints(hashes, 0, words, seed);
    else {
      // MurmurHash3 over each run of k word hashes; a word's block mix is the same in every
      // shingle it is in, so it is done once per word.
      if (words > mixed.length) mixed = new Int32Array(Math.max(words, mixed.length * 2));
      for (let w = 0; w < words; w++) {
        const b = Math.imul(hashes[w]! | 0, C1);
        mixed[w] = Math.imul((b << 15) | (b >>> 17), C2);
      }
      for (let s = 0; s < count; s++) {
        let h = seed | 0;
        for (let j = s, end = s + k; j < end; j++) {
          h ^= mixed[j]!;
          h = (h << 13) | (h >>> 19);
          h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        }
        shingles[s] = fmix32(h ^ (k * 4));
      }
    }
    if (scheme === 'oph') ophInto(shingles, count, numPerm, seed, signatures, t * numPerm);
    else kpermInto(shingles, count, numPerm, seed, signatures, t * numPerm);
  }
  const algorithm = scheme === 'oph' ? OPH_ALGORITHM : MINHASH_ALGORITHM;
  return {
    algorithm,
    seed,
    numPerm,
    signatures,
    at(i: number): MinHashSignature {
      checkInteger('i', i, 0, texts.length - 1);
      return { algorithm, seed, numPerm, hashvalues: signatures.subarray(i * numPerm, (i + 1) * numPerm) };
    },
  };
}

