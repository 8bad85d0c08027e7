import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, toOriginalSpan } from '../src/index.js';
import { foldSpelling } from '../src/normalize/spelling.js';
import { normalizeKey } from '../src/normalize/normalize.js';
import { seeds } from './helpers.js';

describe('normalize', () => {
  describe('normalizeText', () => {
    it('should fold case, curly quotes, dashes, ligatures and white space', () => {
      expect(normalizeText('  “Baku’s”\u00a0—\tdeﬁnite…  ').text).toBe(`"baku's" - definite...`);
    });

    it('should drop invisible format characters and map NUL to a space', () => {
      expect(normalizeText('Kara\u200bbakh\u0000x').text).toBe('karabakh x');
    });

    it('should compose a base letter with its combining mark', () => {
      const n = normalizeText('Cafe\u0301 bar');
      expect(n.text).toBe('café bar');
      expect(toOriginalSpan(n, 0, 4)).toEqual([0, 5]);
    });

    it('should replace lone surrogates with U+FFFD instead of failing', () => {
      expect(normalizeText('a\ud800b\udc00').text).toBe('a\ufffdb\ufffd');
    });

    it('should return empty text for empty and white-space-only input', () => {
      expect(normalizeText('').text).toBe('');
      expect(normalizeText(' \n\t ').text).toBe('');
    });

    it('should throw a TypeError naming the parameter for a non-string', () => {
      expect(() => normalizeText(42 as unknown as string)).toThrow(/text must be a string/);
    });

    it('should handle a 10 MB string in one pass', () => {
      const big = 'Blasts were heard in Stepanakert. '.repeat(300_000);
      const n = normalizeText(big);
      expect(n.text.length).toBeGreaterThan(9_000_000);
      expect(n.starts.length).toBe(n.text.length);
    });

    it('should keep a map whose spans slice back to the source of every character (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
          const n = normalizeText(s);
          expect(n.starts.length).toBe(n.text.length);
          for (let i = 0; i < n.text.length; i++) {
            const a = n.starts[i]!;
            const b = n.ends[i]!;
            expect(a).toBeLessThan(b);
            expect(b).toBeLessThanOrEqual(s.length);
            if (i > 0) expect(a).toBeGreaterThanOrEqual(n.starts[i - 1]!);
            // A non-space character comes from a non-empty, non-space source span.
            if (n.text[i] !== ' ') expect(s.slice(a, b).trim().length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 1000 },
      );
      // Found by this property: NFKC turns "´" into a space plus a combining mark.
      const n = normalizeText('a \u00b4b');
      expect(Array.from(n.starts).every((s, i) => s < n.ends[i]!)).toBe(true);
    });

    it('should give the same text through the map-free fast path (property)', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 })), (s) => {
          expect(normalizeKey(s)).toBe(normalizeText(s).text);
        }),
        { numRuns: 500 },
      );
      for (const { text } of seeds()) expect(normalizeKey(text)).toBe(normalizeText(text).text);
    });

    it('should not lose text after characters that expand under NFKC', () => {
      const s = 'ﬃ'.repeat(3000) + ' tail words';
      expect(normalizeText(s).text.endsWith('ffi tail words')).toBe(true);
      expect(normalizeText(s).text.length).toBe(9000 + 11);
    });

    it('should be idempotent (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (s) => {
          const once = normalizeText(s).text;
          expect(normalizeText(once).text).toBe(once);
        }),
        { numRuns: 300 },
      );
    });

    it('should map every word of the seeds back to the same word in the original', () => {
      for (const { text } of seeds()) {
        const n = normalizeText(text);
        for (const m of n.text.matchAll(/[a-z]{4,}/g)) {
          const [a, b] = toOriginalSpan(n, m.index, m.index + m[0].length);
          expect(text.slice(a, b).toLowerCase()).toBe(m[0]);
        }
      }
    });
  });

  describe('foldSpelling', () => {
    it.each([
      ['defense', 'defence'],
      ['turkiye', 'turkey'],
      ['türkiye', 'turkey'],
      ['organize', 'organise'],
      ['recognized', 'recognised'],
      ['neighbor', 'neighbour'],
      ['armored', 'armoured'],
      ['analyze', 'analyse'],
      ["azerbaijan's", 'azerbaijan'],
    ])('should fold %s and %s together', (a, b) => {
      expect(foldSpelling(a)).toBe(foldSpelling(b));
    });

    it('should keep different words apart', () => {
      expect(foldSpelling('four')).not.toBe(foldSpelling('for'));
      expect(foldSpelling('hour')).toBe('hour');
      expect(foldSpelling('filled')).not.toBe(foldSpelling('filed'));
    });
  });
});
