import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentParagraphs, segmentSentences } from '../src/index.js';
import { at, seed, seeds } from './helpers.js';

describe('segment', () => {
  describe('segmentParagraphs', () => {
    // Counted by reading the files: blank-line separated blocks (001's widget lines 1-3 form one).
    it.each([
      ['000', 17],
      ['001', 22],
      ['002', 30],
      ['003', 19],
      ['004', 17],
    ])('should find the paragraphs of seed %s (%i)', (n, count) => {
      expect(segmentParagraphs(seed(n).text)).toHaveLength(count);
    });

    it('should split on single newlines when a text has no blank line', () => {
      expect(segmentParagraphs('One.\nTwo.\r\nThree.').map((s) => s.end - s.start)).toEqual([4, 4, 6]);
    });

    it('should treat CR-only line ends as line ends', () => {
      expect(segmentParagraphs('One.\r\rTwo.')).toEqual([
        { start: 0, end: 4 },
        { start: 6, end: 10 },
      ]);
    });

    it("should keep an agency feed's control characters out of its paragraphs", () => {
      // PA's raw copy (METER): every paragraph after a "<" line end starts with U+0019.
      const text = 'SERGEANT MAJOR CLEARED<\n\u0019By Lisa Salmon, PA News<\n\u0019A sergeant major was today cleared of ill-treating\na black soldier.<\n\u0019end<\n';
      expect(segmentParagraphs(text).map((p) => text.slice(p.start, p.end))).toEqual(['SERGEANT MAJOR CLEARED', 'By Lisa Salmon, PA News', 'A sergeant major was today cleared of ill-treating\na black soldier.', 'end']);
    });

    it('should return nothing for empty or blank text', () => {
      expect(segmentParagraphs('')).toEqual([]);
      expect(segmentParagraphs('\n \n\t\n')).toEqual([]);
    });
  });

  describe('segmentSentences', () => {
    it('should not split after abbreviations, initials or inside decimals', () => {
      const text = 'Gen. Smith met U.S. officials at No. 10 on Tue. Nov. 28. Prices rose 3.5 per cent. J. Doe agreed.';
      expect(segmentSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
        'Gen. Smith met U.S. officials at No. 10 on Tue. Nov. 28.',
        'Prices rose 3.5 per cent.',
        'J. Doe agreed.',
      ]);
    });

    it("should keep 004's paragraph of three sentences as three", () => {
      const { text } = seed('004');
      const start = at(text, 'Armenia’s foreign ministry condemned');
      const sentences = segmentSentences(text);
      const paragraph = sentences.find((s) => s.start === start)!.paragraph;
      const inPara = sentences.filter((s) => s.paragraph === paragraph);
      expect(inPara.map((s) => text.slice(s.start, s.start + 12))).toEqual(['Armenia’s fo', '“On Septembe', 'It said Russ']);
    });

    it('should split a caption from the agency credit that ends it (000)', () => {
      const { text } = seed('000');
      const first = segmentSentences(text).slice(0, 2).map((s) => text.slice(s.start, s.end));
      expect(first[0]).toMatch(/^This photograph.*remains elusive\.$/);
      expect(first[1]).toBe('AFP');
    });

    it('should give offsets that slice trimmed, non-empty text inside its paragraph, for every seed', () => {
      for (const { text } of seeds()) {
        const paras = segmentParagraphs(text);
        for (const s of segmentSentences(text)) {
          const p = paras[s.paragraph]!;
          expect(s.start).toBeGreaterThanOrEqual(p.start);
          expect(s.end).toBeLessThanOrEqual(p.end);
          const slice = text.slice(s.start, s.end);
          expect(slice.trim()).toBe(slice);
          expect(slice.length).toBeGreaterThan(0);
        }
      }
    });

    it('should always return ordered, disjoint spans that slice the input (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
          let last = 0;
          for (const x of segmentSentences(s)) {
            expect(x.start).toBeGreaterThanOrEqual(last);
            expect(x.end).toBeGreaterThan(x.start);
            expect(x.end).toBeLessThanOrEqual(s.length);
            last = x.end;
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should split a very long paragraph exactly as its sentences, across internal chunks', () => {
      const all = seeds().flatMap(({ text }) => segmentSentences(text).map((x) => text.slice(x.start, x.end)));
      const clean = all.filter((x) => /^[A-Z"“][^\n]*[a-z0-9][.!?]["”’]?$/u.test(x) && !x.includes('Tue.'));
      const list = Array.from({ length: 60 }, () => clean).flat();
      const long = list.join(' ');
      expect(long.length).toBeGreaterThan(100_000);
      expect(segmentSentences(long).map((x) => long.slice(x.start, x.end))).toEqual(list);
    });

    it('should stay linear on a 100,000-character word and on NUL bytes', () => {
      const word = 'a'.repeat(100_000) + '.';
      expect(segmentSentences(word)).toHaveLength(1);
      expect(segmentSentences('x\u0000y. Z')).toHaveLength(2);
    });
  });
});
