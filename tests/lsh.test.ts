import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { candidateProbability } from '../src/lsh/params.js';
import { computeMinHash, createLshIndex, jaccard, containment, optimalBands, parseLshIndex, toShingleSet } from '../src/index.js';

const require = createRequire(import.meta.url);
type TheirMinhash = { update(s: string): void };
const pkg = require('minhash') as {
  Minhash: new () => TheirMinhash;
  LshIndex: new (o: { bandSize: number }) => { insert(k: string, m: TheirMinhash): void; query(m: TheirMinhash): string[] };
};

function rng(seedValue: number): () => number {
  let s = seedValue >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) >>> 0;
  };
}

/** A set and a copy with `keep` of its elements and fresh ones in place of the rest. */
function family(next: () => number, size: number, keep: number): [Uint32Array, Uint32Array] {
  const a = Array.from({ length: size }, () => next());
  const b = [...a.slice(0, keep), ...Array.from({ length: size - keep }, () => next())];
  return [toShingleSet(Uint32Array.from(a)), toShingleSet(Uint32Array.from(b))];
}

describe('lsh', () => {
  describe('optimalBands', () => {
    it('should use few rows for low thresholds and many for high ones, within numPerm', () => {
      const low = optimalBands(0.1, 128);
      const high = optimalBands(0.9, 128);
      expect(low.rows).toBeLessThan(high.rows);
      expect(low.bands * low.rows).toBeLessThanOrEqual(128);
      expect(high.bands * high.rows).toBeLessThanOrEqual(128);
    });

    it('should put the S-curve midpoint near the threshold', () => {
      for (const t of [0.3, 0.5, 0.7]) {
        const { bands, rows } = optimalBands(t, 128);
        expect(candidateProbability(t - 0.2, bands, rows)).toBeLessThan(0.5);
        expect(candidateProbability(Math.min(0.99, t + 0.2), bands, rows)).toBeGreaterThan(0.5);
      }
    });

    it('should raise more bands when false negatives weigh more', () => {
      expect(optimalBands(0.5, 128, [0.1, 0.9]).bands).toBeGreaterThanOrEqual(optimalBands(0.5, 128, [0.9, 0.1]).bands);
    });
  });

  describe('createLshIndex', () => {
    it('should find an inserted near-duplicate, forget it after remove, and return nothing for unseen bands', () => {
      const next = rng(7);
      const [a, b] = family(next, 80, 76);
      const index = createLshIndex({ threshold: 0.5 });
      index.insert('a', computeMinHash(a), a);
      expect(index.query(computeMinHash(b))).toEqual(['a']);
      expect(index.query(computeMinHash(Uint32Array.of(1, 2, 3)))).toEqual([]);
      expect(index.remove('a')).toBe(true);
      expect(index.remove('a')).toBe(false);
      expect(index.query(computeMinHash(b))).toEqual([]);
      expect(index.size).toBe(0);
    });

    it('should verify candidates by exact Jaccard and containment', () => {
      const next = rng(11);
      const big = Uint32Array.from(Array.from({ length: 100 }, () => next()));
      const part = toShingleSet(big.slice(0, 30));
      const whole = toShingleSet(big);
      const index = createLshIndex({ threshold: 0.2 });
      index.insert('whole', computeMinHash(whole), whole);
      const loose = index.queryVerified(computeMinHash(part), part, { minJaccard: 0.9, minContainment: 0.95 });
      expect(loose.map((m) => m.key)).toEqual(['whole']);
      expect(loose[0]!.containment).toBe(1);
      expect(loose[0]!.jaccard).toBeCloseTo(jaccard(part, whole));
      expect(containment(part, whole)).toBe(1);
      expect(index.queryVerified(computeMinHash(part), part, { minJaccard: 0.9 })).toEqual([]);
    });

    it('should reject a duplicate key, mismatched signatures and impossible bands', () => {
      const index = createLshIndex();
      index.insert('k', computeMinHash([1]));
      expect(() => index.insert('k', computeMinHash([1]))).toThrow(/already in the index/);
      expect(() => index.query(computeMinHash([1], { seed: 5 }))).toThrow(/do not match the index settings/);
      expect(() => createLshIndex({ bands: 20, rows: 10 })).toThrow(/numPerm must be ≥ bands × rows \(got 20 × 10 = 200 > 128\)/);
      expect(() => createLshIndex({ bands: 20 })).toThrow(/bands and rows go together/);
      expect(() => createLshIndex({ threshold: 2 })).toThrow(RangeError);
    });

    it('should round-trip through toJSON and parseLshIndex with the same query results', () => {
      const next = rng(3);
      const index = createLshIndex({ threshold: 0.4 });
      const sets = Array.from({ length: 40 }, () => family(next, 50, 40));
      sets.forEach(([a], i) => index.insert(`k${i}`, computeMinHash(a), a));
      const copy = parseLshIndex(JSON.parse(JSON.stringify(index.toJSON())));
      for (const [, b] of sets) {
        const sig = computeMinHash(b);
        expect(copy.query(sig)).toEqual(index.query(sig));
        expect(copy.queryVerified(sig, b, { minJaccard: 0.3 })).toEqual(index.queryVerified(sig, b, { minJaccard: 0.3 }));
      }
      expect(() => parseLshIndex({ format: 'wiretrace/lsh@0' })).toThrow(/Not a serialised wiretrace LSH index/);
    });

    it('should recall pairs at the threshold as often as the banding formula predicts', () => {
      const next = rng(99);
      for (const [keep, size] of [
        [60, 100],
        [40, 100],
      ] as const) {
        const index = createLshIndex({ bands: 16, rows: 4 });
        let found = 0;
        let expected = 0;
        const n = 300;
        for (let i = 0; i < n; i++) {
          const [a, b] = family(next, size, keep);
          index.insert(`p${i}`, computeMinHash(a));
          if (index.query(computeMinHash(b)).includes(`p${i}`)) found++;
          expected += candidateProbability(jaccard(a, b), 16, 4);
        }
        expect(Math.abs(found / n - expected / n)).toBeLessThan(0.08);
      }
    });

    it('should return what the minhash package index returns for near-duplicates, and not crash where it does', () => {
      const next = rng(5);
      const ours = createLshIndex({ bands: 32, rows: 4 });
      const theirs = new pkg.LshIndex({ bandSize: 4 });
      const theirSig = (s: Uint32Array): TheirMinhash => {
        const m = new pkg.Minhash();
        for (const v of s) m.update(String(v));
        return m;
      };
      const items = Array.from({ length: 30 }, () => family(next, 60, 58));
      items.forEach(([a], i) => {
        ours.insert(`i${i}`, computeMinHash(a));
        theirs.insert(`i${i}`, theirSig(a));
      });
      let compared = 0;
      let crashed = 0;
      items.forEach(([a, b], i) => {
        for (const q of [a, b]) {
          let theirResult: string[];
          try {
            theirResult = theirs.query(theirSig(q));
          } catch {
            crashed++; // their LSH query crashes on any band it has never seen
            expect(ours.query(computeMinHash(q))).toContain(`i${i}`);
            continue;
          }
          compared++;
          // Every near-duplicate (J ≥ 0.9) their index finds, ours finds too.
          const near = theirResult.filter((k) => jaccard(items[Number(k.slice(1))]![0], q) >= 0.9);
          expect(near).toContain(`i${i}`);
          expect(ours.query(computeMinHash(q))).toEqual(expect.arrayContaining(near));
        }
      });
      expect(compared).toBeGreaterThanOrEqual(items.length);
      expect(crashed).toBeGreaterThan(0);
      const unseen = Uint32Array.of(123456789, 987654321);
      expect(() => theirs.query(theirSig(unseen))).toThrow();
      expect(ours.query(computeMinHash(unseen))).toEqual([]);
    });
  });
});

describe('MemoryStorage', () => {
  it('should answer like a plain map of buckets under random inserts and removals (property)', async () => {
    const { MemoryStorage } = await import('../src/index.js');
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 })), { maxLength: 300 }),
        (ops) => {
          const store = new MemoryStorage(3);
          const model = new Map<string, number[]>();
          for (const [insert, k, buckets] of ops) {
            const key = `k${k}`;
            if (insert && !model.has(key)) {
              store.insert(key, Uint32Array.from(buckets));
              model.set(key, buckets);
            } else if (!insert) {
              expect(store.remove(key) !== undefined).toBe(model.delete(key));
            }
            const probe = Uint32Array.from(buckets);
            const expected = [...model].filter(([, b]) => b.some((x, i) => x === probe[i])).map(([key2]) => key2).sort();
            expect(store.candidates(probe).sort()).toEqual(expected);
            expect(store.size).toBe(model.size);
          }
          expect([...store.entries()].map(([key]) => key).sort()).toEqual([...model.keys()].sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
