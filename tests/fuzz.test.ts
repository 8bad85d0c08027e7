/**
 * Fuzzing: arbitrary text, article arrays and option objects through every entry point.
 * FUZZ_RUNS sets the number of cases (npm run fuzz runs many more than CI's default).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareArticles, createWireIndex, renderHtml, type Article, type Report } from '../src/index.js';
import { seeds } from './helpers.js';

const runs = Number(process.env.FUZZ_RUNS ?? 40);
const paragraphs = seeds().flatMap((a) => a.text.split('\n\n')).filter((p) => p.trim().length > 0);

// Text: arbitrary Unicode, or real paragraphs (so passages link) mixed with junk and odd line ends.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc
    .array(fc.oneof(fc.constantFrom(...paragraphs), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('“', '"', '—', '\u202e', '\u200d', '\ufeff', '\u0000', '🇦🇲👨‍👩‍👧')), { maxLength: 8 })
    .chain((parts) => fc.constantFrom('\n\n', '\r\n\r\n', '\r\r', '\n', ' ').map((sep) => parts.join(sep))),
).filter((t) => t.trim().length > 0); // an empty text is refused by name (tested in tests/report)
const articles = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), text }), { selector: (a) => a.id, minLength: 1, maxLength: 5 });

// Characters that may sit between segments: the white space and control characters the
// segmenter trims.
const GAP = /^[\s\p{Cc}\u200b]*$/u;

function checkReport(report: Report, input: readonly Article[]): void {
  expect(report.documents).toHaveLength(input.length);
  // Documents come in the order of their ids, whatever the input order.
  expect(report.documents.map((d) => d.id)).toEqual(input.map((a) => a.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  report.documents.forEach((d) => {
    const t = input.find((a) => a.id === d.id)!.text;
    let last = 0;
    for (const s of d.segments) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(t.length);
      expect(GAP.test(t.slice(last, s.start))).toBe(true);
      for (const c of s.changes ?? []) expect(t.slice(c.start, c.end)).toBe(c.to);
      last = s.end;
    }
    expect(GAP.test(t.slice(last))).toBe(true);
    for (const a of d.attribution) expect(a.end).toBeLessThanOrEqual(t.length);
    expect(d.derivedShare).toBeGreaterThanOrEqual(0);
    expect(d.derivedShare).toBeLessThanOrEqual(1);
  });
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

describe('fuzz', () => {
  it('should report on arbitrary articles: offsets slice the input, segments tile it, output is deterministic', () => {
    fc.assert(
      fc.property(articles, (input) => {
        const report = compareArticles(input);
        checkReport(report, input);
        expect(JSON.stringify(compareArticles(input))).toBe(JSON.stringify(report));
      }),
      { numRuns: runs },
    );
  });

  it('should answer arbitrary options with a report or a TypeError/RangeError naming the option', () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.constantFrom('reference', 'whollyDerived', 'partiallyDerived', 'maxChars', 'maxArticlesPerStory', 'maxSentencesPerDocument', 'creditedWireShare', 'chrome', 'links', 'stories'), fc.anything()), (raw, dict) => {
        for (const options of [raw, dict]) {
          try {
            checkReport(compareArticles(seeds().slice(0, 2), options as never), seeds().slice(0, 2));
          } catch (e) {
            expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
            expect((e as Error).message.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: runs * 2 },
    );
  });

  it('should render any report as HTML that carries only its own two scripts', () => {
    fc.assert(
      fc.property(articles, (input) => {
        const html = renderHtml(compareArticles(input), input);
        expect(html.match(/<script/g)).toHaveLength(2);
        expect(html).not.toMatch(/<img|onerror=|javascript:/i);
      }),
      { numRuns: runs },
    );
  });

  it('should index arbitrary feeds without an uncaught error', async () => {
    await fc.assert(
      fc.asyncProperty(articles, async (input) => {
        const index = createWireIndex();
        for (const a of input) {
          const r = await index.add(a);
          expect(r.id).toBe(a.id);
          const report = await index.report(r.story);
          expect(report.documents.some((d) => d.id === a.id)).toBe(true);
        }
        expect((await index.stats()).articles).toBe(input.length);
        await index.close();
      }),
      { numRuns: runs },
    );
  });
});
