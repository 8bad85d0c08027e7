import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  computeMinHash,
  estimateJaccard,
  jaccard,
  parseSignature,
  serializeSignature,
  shingleWords,
  toShingleSet,
  tokenizeWords,
  normalizeText,
  sketchTexts,
} from '../src/index.js';
import { normalizeKey } from '../src/normalize/normalize.js';
import { messages } from '../src/errors.js';
import { MINHASH_ALGORITHM, OPH_ALGORITHM } from '../src/minhash/minhash.js';
import { at, seed, seeds } from './helpers.js';

const require = createRequire(import.meta.url);
const { Minhash } = require('minhash') as { Minhash: new (o?: { numPerm?: number; seed?: number }) => { update(s: string): void; jaccard(o: unknown): number } };

/** Two sets of given sizes sharing `shared` elements, from a seeded stream of distinct integers. */
function pair(next: () => number, onlyA: number, onlyB: number, shared: number): [Uint32Array, Uint32Array] {
  const pool = new Set<number>();
  while (pool.size < onlyA + onlyB + shared) pool.add(next() >>> 0);
  const all = [...pool];
  const common = all.slice(0, shared);
  return [Uint32Array.from([...common, ...all.slice(shared, shared + onlyA)]), Uint32Array.from([...common, ...all.slice(shared + onlyA)])];
}

function rng(seedValue: number): () => number {
  let s = seedValue >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) >>> 0;
  };
}

function paragraphShingles(text: string, phrase: string): Uint32Array {
  const start = at(text, phrase);
  const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  return toShingleSet(shingleWords(tokenizeWords(normalizeText(text.slice(start, end)).text).map((t) => t.text)));
}

describe('minhash', () => {
  describe('computeMinHash', () => {
    it('should be stable across versions: this input has always had this signature', () => {
      // Changing these numbers means changing MINHASH_ALGORITHM too: stored signatures depend on them.
      const sig = computeMinHash(Uint32Array.of(1, 2, 3), { numPerm: 4, seed: 1 });
      expect(sig.algorithm).toBe('wiretrace-minhash-fmix32-v1');
      expect(Array.from(sig.hashvalues)).toEqual([1329899717, 1395057733, 703541820, 84359548]);
    });

    it('should give the same signature in another process', () => {
      const out = execFileSync(process.execPath, [
        '--input-type=module',
        '-e',
        `import { computeMinHash } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
         console.log(Array.from(computeMinHash(Uint32Array.of(7, 8, 9), { seed: 42 }).hashvalues).join(','));`,
      ]).toString();
      expect(out.trim()).toBe(Array.from(computeMinHash(Uint32Array.of(7, 8, 9), { seed: 42 }).hashvalues).join(','));
    });

    it('should not depend on duplicates or order', () => {
      expect(computeMinHash(Uint32Array.of(3, 1, 2, 1)).hashvalues).toEqual(computeMinHash(Uint32Array.of(1, 2, 3)).hashvalues);
    });

    it('should give the empty set an all-0xFFFFFFFF signature that resembles nothing', () => {
      const empty = computeMinHash([]);
      expect(empty.hashvalues.every((v) => v === 0xffffffff)).toBe(true);
      expect(estimateJaccard(empty, empty)).toBe(0);
    });

    it('should reject a bad numPerm or seed with a RangeError naming it', () => {
      expect(() => computeMinHash([1], { numPerm: 0 })).toThrow(/numPerm must be an integer/);
      expect(() => computeMinHash([1], { seed: -1 })).toThrow(RangeError);
    });
  });

  describe('estimateJaccard', () => {
    it('should stay within 3 standard errors of the exact Jaccard on random set pairs (property)', () => {
      let outside = 0;
      let runs = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 0x7fffffff }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 1, max: 60 }),
          (s, a, b, shared) => {
            const [x, y] = pair(rng(s), a, b, shared);
            const exact = jaccard(toShingleSet(x), toShingleSet(y));
            const est = estimateJaccard(computeMinHash(x), computeMinHash(y));
            const se = Math.sqrt((exact * (1 - exact)) / 128);
            runs++;
            if (Math.abs(est - exact) > 3 * se + 1 / 128) outside++;
          },
        ),
        { numRuns: 400 },
      );
      // 3 SE leaves ~0.3% outside for a normal estimate; allow 1.5% for small-set discreteness.
      expect(outside / runs).toBeLessThanOrEqual(0.015);
    });

    it('should throw when signatures were made with different seeds or lengths', () => {
      const a = computeMinHash([1, 2], { seed: 1 });
      const b = computeMinHash([1, 2], { seed: 2 });
      expect(() => estimateJaccard(a, b)).toThrow(
        messages.incompatibleSignatures(`${MINHASH_ALGORITHM}, seed 1, numPerm 128`, `${MINHASH_ALGORITHM}, seed 2, numPerm 128`),
      );
      expect(() => estimateJaccard(a, computeMinHash([1, 2], { numPerm: 64 }))).toThrow(TypeError);
    });

    it("should estimate 001's and 004's near-identical ledes well above 0.5 and unrelated paragraphs near 0", () => {
      const lede1 = paragraphShingles(seed('001').text, 'BAKU: Azerbaijan on Tuesday');
      const lede4 = paragraphShingles(seed('004').text, 'BAKU: Azerbaijan on Tuesday');
      const other = paragraphShingles(seed('003').text, 'Journalist Siranush Sargsyan');
      expect(estimateJaccard(computeMinHash(lede1), computeMinHash(lede4))).toBeGreaterThan(0.6);
      expect(estimateJaccard(computeMinHash(lede1), computeMinHash(other))).toBeLessThan(0.05);
    });

    it('should be at least as accurate as the minhash package on the same shingle sets', () => {
      const next = rng(2024);
      let ours = 0;
      let theirs = 0;
      const pairs = 150;
      for (let i = 0; i < pairs; i++) {
        const [x, y] = pair(next, 5 + (next() % 40), 5 + (next() % 40), 1 + (next() % 60));
        const exact = jaccard(toShingleSet(x), toShingleSet(y));
        ours += Math.abs(estimateJaccard(computeMinHash(x), computeMinHash(y)) - exact);
        const mx = new Minhash();
        const my = new Minhash();
        for (const v of x) mx.update(String(v));
        for (const v of y) my.update(String(v));
        theirs += Math.abs(mx.jaccard(my) - exact);
      }
      expect(ours / pairs).toBeLessThanOrEqual(theirs / pairs);
    });
  });

  describe('serializeSignature / parseSignature', () => {
    it('should round-trip through JSON with its settings', () => {
      const sig = computeMinHash([10, 20, 30], { seed: 9, numPerm: 16 });
      const back = parseSignature(JSON.parse(JSON.stringify(serializeSignature(sig))));
      expect(back).toEqual(sig);
      expect(estimateJaccard(back, sig)).toBe(1);
    });

    it('should refuse data from another algorithm or format with a clear TypeError', () => {
      const data = serializeSignature(computeMinHash([1]));
      expect(() => parseSignature({ ...data, algorithm: 'other-v9' })).toThrow(/not supported by this version/);
      expect(() => parseSignature({ ...data, format: 'x' })).toThrow(/Not a serialised wiretrace signature/);
      expect(() => parseSignature({ ...data, hashvalues: [1] })).toThrow(/numPerm values/);
      expect(() => parseSignature(null)).toThrow(TypeError);
    });
  });
});

describe('one-permutation MinHash', () => {
  it('should estimate Jaccard within 3 standard errors on document-sized sets (property)', () => {
    let outside = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 100, max: 600 }), (s, a, b, shared) => {
        const [x, y] = pair(rng(s), a, b, shared);
        const exact = jaccard(toShingleSet(x), toShingleSet(y));
        const est = estimateJaccard(computeMinHash(x, { scheme: 'oph' }), computeMinHash(y, { scheme: 'oph' }));
        runs++;
        if (Math.abs(est - exact) > 3 * Math.sqrt((exact * (1 - exact)) / 128) + 1 / 128) outside++;
      }),
      { numRuns: 200 },
    );
    expect(outside / runs).toBeLessThanOrEqual(0.02);
  });

  it('should estimate paragraph-sized sets (fewer shingles than bins) no worse than 128 permutations, from the bins the sets fill themselves', () => {
    const next = rng(1612);
    let oph = 0;
    let kperm = 0;
    const pairs = 400;
    for (let i = 0; i < pairs; i++) {
      const [x, y] = pair(next, next() % 30, next() % 30, 1 + (next() % 40));
      const exact = jaccard(toShingleSet(x), toShingleSet(y));
      oph += Math.abs(estimateJaccard(computeMinHash(x, { scheme: 'oph' }), computeMinHash(y, { scheme: 'oph' })) - exact);
      kperm += Math.abs(estimateJaccard(computeMinHash(x), computeMinHash(y)) - exact);
    }
    expect(oph / pairs).toBeLessThanOrEqual(kperm / pairs);
    // Shingles in bins of their own, every other bin densified: the estimate is the exact Jaccard.
    const sig = (xs: number[]) => computeMinHash(Uint32Array.from(xs), { scheme: 'oph' });
    const a = sig([1, 2, 3, 4]);
    const b = sig([3, 4, 5]);
    const ownBins = (s: ReturnType<typeof sig>) => new Set(Array.from(s.hashvalues).filter((v, i) => Math.floor((v / 2 ** 32) * 128) === i)).size;
    expect(ownBins(a) + ownBins(b)).toBe(7);
    expect(estimateJaccard(a, b)).toBeCloseTo(2 / 5, 10);
  });

  it('should be deterministic, never compare with k-permutation signatures, and fill every bin', () => {
    const a = computeMinHash(Uint32Array.of(1, 2, 3), { scheme: 'oph' });
    expect(a.algorithm).toBe(OPH_ALGORITHM);
    expect(computeMinHash(Uint32Array.of(3, 2, 1), { scheme: 'oph' }).hashvalues).toEqual(a.hashvalues);
    expect(a.hashvalues.every((v) => v !== 0xffffffff)).toBe(true);
    expect(() => estimateJaccard(a, computeMinHash(Uint32Array.of(1, 2, 3)))).toThrow(/different settings/);
    expect(parseSignature(JSON.parse(JSON.stringify(serializeSignature(a))))).toEqual(a);
    expect(() => computeMinHash([1], { scheme: 'fast' as never })).toThrow(/scheme must be "kperm" or "oph"/);
  });
});

describe('sketchTexts (the batch path)', () => {
  // The signatures of the general path: normalizeKey, tokenizeWords, word hashes, shingles, MinHash.
  const slowly = (text: string, o: { k?: number; seed?: number; numPerm?: number; scheme?: 'kperm' | 'oph' } = {}) =>
    computeMinHash(shingleWords(tokenizeWords(normalizeKey(text)).map((w) => w.text), { k: o.k ?? 5, seed: o.seed ?? 1 }), { seed: o.seed ?? 1, numPerm: o.numPerm ?? 128, scheme: o.scheme ?? 'kperm' });

  const texts = [
    ...seeds().flatMap((a) => a.text.split('\n\n')),
    '',
    '   ',
    'One',
    'Two words',
    'Four words in all',
    "U.S. troops' 3.5% rise, 120,000 people; don`t stop — AT&T's k_9 at 10:30, 1;2;3 and 'quoted' words.",
    'Trailing joiners: U.S. 3. a. end.',
    'MIXED case WORDS Mixed Case words',
    'Le défilé a réuni 120 000 personnes à Paris, selon l’AFP.',
    'قال مسؤولون إن 12 شخصا قتلوا',
    'Tab\tseparated\u0000and\nnew\rlines here and there',
  ];

  it('should give exactly the signatures of the general path, for both schemes and other settings', () => {
    for (const o of [{}, { scheme: 'oph' as const }, { k: 3, seed: 7, numPerm: 64 }, { k: 1, scheme: 'oph' as const, numPerm: 200 }]) {
      const batch = sketchTexts(texts, o);
      texts.forEach((t, i) => {
        const want = slowly(t, o);
        expect(batch.at(i)).toEqual({ ...want, hashvalues: want.hashvalues });
        expect(Array.from(batch.signatures.subarray(i * want.numPerm, (i + 1) * want.numPerm))).toEqual(Array.from(want.hashvalues));
      });
    }
  });

  it('should agree with the general path on random text full of joiners, case and curly punctuation', () => {
    const alphabet = "aAbBzZ09_'.,;:`-! \n\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u2032\u02bc";
    let state = 12345;
    const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const random = Array.from({ length: 2000 }, () => Array.from({ length: Math.floor(rand() * 80) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    const batch = sketchTexts(random, { k: 2 });
    random.forEach((t, i) => expect(Array.from(batch.at(i).hashvalues)).toEqual(Array.from(slowly(t, { k: 2 }).hashvalues)));
  });

  it('should refuse what is not an array of strings, by name', () => {
    expect(() => sketchTexts('text' as never)).toThrow(/texts must be an array/);
    expect(() => sketchTexts(['a', 3 as never])).toThrow(/texts\[1\] must be a string/);
    expect(() => sketchTexts(['a'], { scheme: 'x' as never })).toThrow(/scheme/);
    expect(() => sketchTexts(['a']).at(1)).toThrow(/i/);
  });
});

describe('one-permutation densification', () => {
  // The scheme as first written: every empty bin walks its own probe sequence until it meets a
  // filled bin. The fast paths (tables read forwards or backwards) must give the same values.
  function reference(xs: Uint32Array, numPerm: number, seed: number): number[] {
    const hv = new Array<number>(numPerm).fill(0xffffffff);
    const filled = new Array<boolean>(numPerm).fill(false);
    let s = (seed ^ 0x6f7068) >>> 0;
    // splitMix32, first value
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    const mixSeed = (z ^ (z >>> 16)) >>> 0;
    for (const x of xs) {
      let h = (x ^ mixSeed) | 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      const bin = Math.floor((h / 4294967296) * numPerm);
      hv[bin] = Math.min(hv[bin]!, h);
      filled[bin] = true;
    }
    if (xs.length === 0) return hv;
    return hv.map((v, i) => {
      if (filled[i]) return v;
      for (let attempt = 1; ; attempt++) {
        let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77) ^ seed;
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d);
        h ^= h >>> 12;
        const j = (h >>> 0) % numPerm;
        if (filled[j]) return hv[j]!;
      }
    });
  }

  it('should give the values of the plain probe walk for sets of every size', () => {
    let state = 99;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (const numPerm of [16, 128, 200])
      for (const size of [0, 1, 2, 3, 5, 9, 20, 60, 127, 300, 2000]) {
        const xs = Uint32Array.from({ length: size }, next);
        expect(Array.from(computeMinHash(xs, { scheme: 'oph', numPerm, seed: 1 }).hashvalues)).toEqual(reference(xs, numPerm, 1));
        expect(Array.from(computeMinHash(xs, { scheme: 'oph', numPerm, seed: 77 }).hashvalues)).toEqual(reference(xs, numPerm, 77));
      }
  });
});
