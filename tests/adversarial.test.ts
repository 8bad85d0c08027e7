import { describe, expect, it } from 'vitest';
import { adversarialCases } from './fixtures/adversarial-cases.js';
import { compareArticles, renderHtml } from '../src/index.js';

// The same hostile inputs the adversarial script times; here they must give sound reports.
const GAP = /^[\s\u0000\u200b\u0085]*$/u;

describe('adversarial inputs', () => {
  it.each(adversarialCases.map(([name, make]) => [name, make] as const))('should give a sound report for %s', (_, make) => {
    const articles = make();
    const report = compareArticles(articles);
    report.documents.forEach((d) => {
      const t = articles.find((a) => a.id === d.id)!.text;
      let last = 0;
      for (const s of d.segments) {
        expect(s.start).toBeGreaterThanOrEqual(last);
        expect(GAP.test(t.slice(last, s.start))).toBe(true);
        last = s.end;
      }
      expect(GAP.test(t.slice(last))).toBe(true);
    });
    const html = renderHtml(report, articles);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('should keep linking the wire copy inside a 5 MB article', () => {
    const [huge, wire] = adversarialCases[0]![1]();
    const report = compareArticles([huge!, wire!]);
    expect(report.stories).toHaveLength(1);
    expect(report.documents.find((d) => d.id === wire!.id)!.verdict).toBe('wholly-derived');
  });
});
