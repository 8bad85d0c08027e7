/**
 * MinHash LSH by banding (MMDS ch. 3.4): a signature is cut into `bands` runs of `rows` values;
 * each run is hashed to a bucket, and keys sharing any bucket are candidates. Candidates can be
 * verified with exact Jaccard or containment when the index keeps shingle sets.
 */

import { checkInteger, checkNumber, checkOptions, messages } from '../errors.js';
import { MINHASH_ALGORITHM, OPH_ALGORITHM, defaultMinHashOptions, type MinHashSignature } from '../minhash/minhash.js';
import { murmur3Ints } from '../hash/murmur3.js';
import { optimalBands } from './params.js';
import { containment, jaccard } from './sets.js';
import { MemoryStorage, type LshStorage } from './storage.js';

/** Options for {@link createLshIndex}. */
export interface LshOptions {
  /**
   * Jaccard similarity the banding is tuned for.
   * @default 0.5
   */
  threshold?: number;
  /**
   * Signature length the index accepts.
   * @default 128
   */
  numPerm?: number;
  /**
   * Seed the signatures must have been made with.
   * @default 1
   */
  seed?: number;
  /**
   * Weights of false positives and false negatives when deriving bands and rows.
   * @default [0.5, 0.5]
   */
  weights?: readonly [number, number];
  /** Number of bands; give with `rows` to override the threshold-derived optimum. */
  bands?: number;
  /** Rows per band; give with `bands`. */
  rows?: number;
  /** Bucket storage; in memory unless given (its `bands` must equal the index's). */
  storage?: LshStorage;
  /**
   * MinHash scheme of the signatures the index accepts (see `computeMinHash`).
   * @default 'kperm'
   */
  scheme?: 'kperm' | 'oph';
}

/** Defaults for {@link createLshIndex}. */
export const defaultLshOptions = Object.freeze({
  threshold: 0.5,
  numPerm: defaultMinHashOptions.numPerm,
  seed: defaultMinHashOptions.seed,
  weights: Object.freeze([0.5, 0.5]) as readonly [number, number],
});

/** A verified candidate. */
export interface LshMatch {
  /** Key given to `insert`. */
  key: string;
  /** Exact Jaccard similarity of the two shingle sets. */
  jaccard: number;
  /** Exact containment of the query's set in the candidate's set. */
  containment: number;
}

/** Thresholds for {@link LshIndex.queryVerified}; a candidate passing either one is kept. */
export interface VerifyOptions {
  /**
   * Minimum exact Jaccard.
   * @default the index threshold
   */
  minJaccard?: number;
  /**
   * Minimum containment of the query in the candidate.
   * @default off (only `minJaccard` decides)
   */
  minContainment?: number;
}

/** The index as JSON: what {@link LshIndex.toJSON} writes and {@link parseLshIndex} reads. */
export interface SerializedLshIndex {
  format: 'wiretrace/lsh@1';
  algorithm: string;
  seed: number;
  numPerm: number;
  threshold: number;
  bands: number;
  rows: number;
  entries: Array<[key: string, buckets: number[], shingles: number[] | null]>;
}

/** A MinHash LSH index over string keys. */
export interface LshIndex {
  /** Number of bands. */
  readonly bands: number;
  /** Rows per band. */
  readonly rows: number;
  /** Threshold the banding was derived for. */
  readonly threshold: number;
  /** Signature length accepted. */
  readonly numPerm: number;
  /** Seed accepted. */
  readonly seed: number;
  /** Number of keys indexed. */
  readonly size: number;
  /**
   * Adds a key. Keep `shingles` (a sorted set) to allow exact verification later.
   * @throws Error when the key is present; TypeError when the signature's settings differ.
   */
  insert(key: string, signature: MinHashSignature, shingles?: Uint32Array): void;
  /** Candidate keys sharing at least one band with the signature, sorted; `[]` if none. */
  query(signature: MinHashSignature): string[];
  /**
   * Candidates verified by exact Jaccard or containment against `shingles` (keys inserted
   * without shingles are skipped), best first.
   */
  queryVerified(signature: MinHashSignature, shingles: Uint32Array, options?: VerifyOptions): LshMatch[];
  /** Removes a key; returns whether it was there. */
  remove(key: string): boolean;
  /** Whether a key is indexed. */
  has(key: string): boolean;
  /** Serialises the index (settings, keys, bucket hashes and kept shingle sets). */
  toJSON(): SerializedLshIndex;
}

interface Resolved {
  algorithm: string;
  threshold: number;
  numPerm: number;
  seed: number;
  bands: number;
  rows: number;
}

function resolveOptions(options: LshOptions): Resolved {
  checkOptions('options', options);
  checkNumber('threshold', options.threshold, 0, 1);
  checkInteger('numPerm', options.numPerm, 1, 4096);
  checkInteger('seed', options.seed, 0, 0xffffffff);
  checkInteger('bands', options.bands, 1, 4096);
  checkInteger('rows', options.rows, 1, 4096);
  if (options.weights !== undefined) {
    const w = options.weights;
    if (!Array.isArray(w) || w.length !== 2) throw new TypeError('weights must be a pair [falsePositive, falseNegative].');
    checkNumber('weights[0]', w[0], 0, 1);
    checkNumber('weights[1]', w[1], 0, 1);
    if (Math.abs(w[0] + w[1] - 1) > 1e-9) throw new RangeError(`weights must sum to 1 (got ${w[0]} + ${w[1]}).`);
  }
  const { threshold, numPerm, seed, weights } = { ...defaultLshOptions, ...options };
  if ((options.bands === undefined) !== (options.rows === undefined)) throw new TypeError(messages.bandsWithoutRows());
  let bands: number;
  let rows: number;
  if (options.bands !== undefined && options.rows !== undefined) {
    bands = options.bands;
    rows = options.rows;
    if (bands * rows > numPerm) throw new RangeError(messages.bandsTooMany(bands, rows, numPerm));
  } else ({ bands, rows } = optimalBands(threshold, numPerm, weights));
  if (options.scheme !== undefined && options.scheme !== 'kperm' && options.scheme !== 'oph')
    throw new TypeError(`scheme must be "kperm" or "oph" (got ${JSON.stringify(options.scheme)}).`);
  return { algorithm: options.scheme === 'oph' ? OPH_ALGORITHM : MINHASH_ALGORITHM, threshold, numPerm, seed, bands, rows };
}

/**
 * The bucket of each band of a signature: MurmurHash3 over the band's `rows` values, seeded by
 * the signature's seed and the band number, so equal runs in different bands never meet.
 *
 * @param sig - A signature with at least `bands × rows` values.
 * @param bands - Number of bands.
 * @param rows - Rows per band.
 * @returns One bucket hash per band.
 */
export function bandBuckets(sig: MinHashSignature, bands: number, rows: number): Uint32Array {
  const out = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) out[b] = murmur3Ints(sig.hashvalues, b * rows, rows, sig.seed ^ (b + 1));
  return out;
}

class MinHashLshIndex implements LshIndex {
  readonly bands: number;
  readonly rows: number;
  readonly threshold: number;
  readonly numPerm: number;
  readonly seed: number;
  readonly algorithm: string;
  private readonly storage: LshStorage;
  /** Shingle sets kept for exact verification (only for keys inserted with them). */
  private readonly sets = new Map<string, Uint32Array>();

  constructor(settings: Resolved, storage: LshStorage) {
    this.bands = settings.bands;
    this.rows = settings.rows;
    this.threshold = settings.threshold;
    this.numPerm = settings.numPerm;
    this.seed = settings.seed;
    this.algorithm = settings.algorithm;
    this.storage = storage;
  }

  get size(): number {
    return this.storage.size;
  }

  private bucketsOf(sig: MinHashSignature): Uint32Array {
    if (sig.algorithm !== this.algorithm || sig.seed !== this.seed || sig.numPerm !== this.numPerm)
      throw new TypeError(
        messages.signatureMismatchIndex(
          `${sig.algorithm}, seed ${sig.seed}, numPerm ${sig.numPerm}`,
          `${this.algorithm}, seed ${this.seed}, numPerm ${this.numPerm}`,
        ),
      );
    return bandBuckets(sig, this.bands, this.rows);
  }

  insert(key: string, signature: MinHashSignature, shingles?: Uint32Array): void {
    if (typeof key !== 'string') throw new TypeError(messages.notAString('key', key));
    if (this.storage.has(key)) throw new Error(messages.duplicateKey(key));
    this.addEntry(key, this.bucketsOf(signature), shingles ?? null);
  }

  /** @internal */
  addEntry(key: string, buckets: Uint32Array, shingles: Uint32Array | null): void {
    this.storage.insert(key, buckets);
    if (shingles !== null) this.sets.set(key, shingles);
  }

  query(signature: MinHashSignature): string[] {
    return this.storage.candidates(this.bucketsOf(signature)).sort();
  }

  queryVerified(signature: MinHashSignature, shingles: Uint32Array, options: VerifyOptions = {}): LshMatch[] {
    checkOptions('options', options);
    checkNumber('minJaccard', options.minJaccard, 0, 1);
    checkNumber('minContainment', options.minContainment, 0, 1);
    const minJaccard = options.minJaccard ?? this.threshold;
    const minContainment = options.minContainment ?? Infinity;
    const out: LshMatch[] = [];
    for (const key of this.query(signature)) {
      const other = this.sets.get(key);
      if (other === undefined) continue;
      const j = jaccard(shingles, other);
      const c = containment(shingles, other);
      if (j >= minJaccard || c >= minContainment) out.push({ key, jaccard: j, containment: c });
    }
    return out.sort((x, y) => y.jaccard - x.jaccard || y.containment - x.containment || (x.key < y.key ? -1 : 1));
  }

  remove(key: string): boolean {
    if (this.storage.remove(key) === undefined) return false;
    this.sets.delete(key);
    return true;
  }

  has(key: string): boolean {
    return this.storage.has(key);
  }

  toJSON(): SerializedLshIndex {
    return {
      format: 'wiretrace/lsh@1',
      algorithm: this.algorithm,
      seed: this.seed,
      numPerm: this.numPerm,
      threshold: this.threshold,
      bands: this.bands,
      rows: this.rows,
      entries: [...this.storage.entries()].map(([key, buckets]) => {
        const set = this.sets.get(key);
        return [key, Array.from(buckets), set === undefined ? null : Array.from(set)];
      }),
    };
  }
}

/**
 * Creates an empty MinHash LSH index. Bands and rows come from `threshold` and `weights`
 * unless both are given.
 *
 * @param options - See {@link LshOptions}.
 * @returns The index.
 * @throws RangeError or TypeError naming a bad option.
 * @example
 * ```ts
 * const index = createLshIndex({ threshold: 0.5 });
 * index.insert('a', computeMinHash(shingleWords(words)));
 * index.query(computeMinHash(shingleWords(otherWords))); // ['a'] when similar
 * ```
 */
export function createLshIndex(options: LshOptions = {}): LshIndex {
  const settings = resolveOptions(options);
  if (options.storage !== undefined && options.storage.bands !== settings.bands)
    throw new RangeError(`storage has ${options.storage.bands} bands but the index uses ${settings.bands}; make the storage with the index's bands.`);
  return new MinHashLshIndex(settings, options.storage ?? new MemoryStorage(settings.bands));
}

/**
 * Rebuilds an index from {@link LshIndex.toJSON} output.
 *
 * @param data - Parsed JSON.
 * @param options - Optional `storage` to load into.
 * @returns An index answering queries exactly as the serialised one did.
 * @throws TypeError when `data` is not a serialised index of a supported version.
 */
export function parseLshIndex(data: unknown, options: { storage?: LshStorage } = {}): LshIndex {
  const bad = (why: string): never => {
    throw new TypeError(messages.badSerializedIndex(why));
  };
  if (typeof data !== 'object' || data === null) return bad('expected an object');
  const d = data as Partial<SerializedLshIndex>;
  if (d.format !== 'wiretrace/lsh@1') bad(`format is ${JSON.stringify(d.format)}, expected "wiretrace/lsh@1"`);
  if (d.algorithm !== MINHASH_ALGORITHM && d.algorithm !== OPH_ALGORITHM)
    bad(`algorithm ${JSON.stringify(d.algorithm)} is not supported (${MINHASH_ALGORITHM}, ${OPH_ALGORITHM})`);
  if (!Array.isArray(d.entries)) bad('entries is missing');
  const settings = resolveOptions({
    scheme: d.algorithm === OPH_ALGORITHM ? 'oph' : 'kperm',
    threshold: d.threshold!,
    numPerm: d.numPerm!,
    seed: d.seed!,
    bands: d.bands!,
    rows: d.rows!,
  });
  const index = new MinHashLshIndex(settings, options.storage ?? new MemoryStorage(settings.bands));
  for (const [i, entry] of d.entries!.entries()) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]) || entry[1].length !== settings.bands)
      bad(`entries[${i}] is not [key, buckets, shingles]`);
    if (index.has(entry[0])) bad(`entries[${i}] repeats the key ${JSON.stringify(entry[0])}`);
    index.addEntry(entry[0], Uint32Array.from(entry[1]), Array.isArray(entry[2]) ? Uint32Array.from(entry[2]) : null);
  }
  return index;
}

