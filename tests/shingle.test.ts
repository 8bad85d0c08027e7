import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashWords, normalizeText, shingleWords, toShingleSet, tokenizeWords } from '../src/index.js';
import { murmur3Ints, murmur3String } from '../src/hash/murmur3.js';
import { tokenizeWithSegmenter } from '../src/shingle/tokenize.js';
import { seeds } from './helpers.js';

describe('shingle', () => {
  describe('murmur3', () => {
    // Published MurmurHash3_x86_32 vectors (SMHasher): the empty input and 4-byte blocks.
    it('should match the reference vectors', () => {
      expect(murmur3Ints([], 0, 0, 0)).toBe(0);
      expect(murmur3Ints([], 0, 0, 1)).toBe(0x514e28b7);
      expect(murmur3Ints([], 0, 0, 0xffffffff)).toBe(0x81f16f39);
      expect(murmur3Ints([0xffffffff], 0, 1, 0)).toBe(0x76293b50);
      expect(murmur3Ints([0x87654321], 0, 1, 0)).toBe(0xf55b516b);
      expect(murmur3Ints([0x87654321], 0, 1, 0x5082edee)).toBe(0x2362f9de);
      expect(murmur3Ints([0], 0, 1, 0)).toBe(0x2362f9de);
    });

    it('should equal MurmurHash3 of the UTF-16LE bytes for strings', () => {
      // Values from an independent byte-wise implementation of the reference algorithm.
      expect(murmur3String('a', 1)).toBe(0xcfb8023e);
      expect(murmur3String('abc', 1)).toBe(0xaee6b9c0);
      expect(murmur3String('karabakh', 1)).toBe(0x232f0a74);
    });
  });

  describe('tokenizeWords', () => {
    it('should keep possessives, decimals and thousands together and split hyphens', () => {
      expect(tokenizeWords("baku's 3.5 120,000 high-precision u.s. 14:00").map((t) => t.text)).toEqual([
        "baku's",
        '3.5',
        '120,000',
        'high',
        'precision',
        'u.s',
        '14',
        '00',
      ]);
    });

    it('should agree with Intl.Segmenter word boundaries on every seed', () => {
      for (const { text } of seeds()) {
        const norm = normalizeText(text).text;
        expect(tokenizeWords(norm)).toEqual(tokenizeWithSegmenter(norm));
      }
    });

    it('should segment scripts written without spaces through Intl.Segmenter', () => {
      const words = tokenizeWords('阿塞拜疆宣布军事行动').map((t) => t.text);
      expect(words.length).toBeGreaterThan(1);
      expect(words.join('')).toBe('阿塞拜疆宣布军事行动');
      expect(tokenizeWords('Ереван заявил о блокаде').map((t) => t.text)).toEqual(['Ереван', 'заявил', 'о', 'блокаде']);
    });

    it('should give offsets that slice each token (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
          for (const t of tokenizeWords(s)) expect(s.slice(t.start, t.end)).toBe(t.text);
        }),
      );
    });
  });

  describe('shingleWords', () => {
    it('should make n − k + 1 shingles, one for short texts, none for no words (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (words, k) => {
          const n = words.length;
          expect(shingleWords(words, { k })).toHaveLength(n === 0 ? 0 : n < k ? 1 : n - k + 1);
        }),
      );
    });

    it('should hash the same words to the same shingles whether given words or word hashes', () => {
      const words = 'the ministry said it had opened humanitarian corridors'.split(' ');
      expect(shingleWords(words, { k: 3 })).toEqual(shingleWords(hashWords(words), { k: 3 }));
    });

    it('should depend on word order and on the seed', () => {
      expect(shingleWords(['a', 'b'], { k: 2 })).not.toEqual(shingleWords(['b', 'a'], { k: 2 }));
      expect(shingleWords(['a', 'b'], { k: 2, seed: 2 })).not.toEqual(shingleWords(['a', 'b'], { k: 2 }));
    });

    it('should reject a bad k with a RangeError naming it', () => {
      expect(() => shingleWords(['a'], { k: 0 })).toThrow(RangeError);
      expect(() => shingleWords(['a'], { k: 0 })).toThrow(/k must be an integer/);
    });
  });

  describe('toShingleSet', () => {
    it('should sort and deduplicate', () => {
      expect(Array.from(toShingleSet(Uint32Array.of(5, 1, 5, 3, 1)))).toEqual([1, 3, 5]);
    });
  });
});

describe('tokenizeWithSegmenter on long runs', () => {
  it('should give the same tokens in pieces as the engine gives on the whole text', () => {
    const thai = 'รัฐบาลไทยประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกร ที่ได้รับผลกระทบจากน้ำท่วม '.repeat(400); // ~30,000 characters
    const whole = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(thai)].filter((s) => s.isWordLike).map((s) => [s.segment, s.index]);
    expect(tokenizeWithSegmenter(thai).map((t) => [t.text, t.start])).toEqual(whole);
  });
});
