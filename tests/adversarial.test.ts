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
      // HTML articles: offsets point into the extracted text the report carries.
      const t = d.text ?? articles.find((a) => a.id === d.id)!.text;
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

describe('adversarial inputs, round two', () => {
  const run = (name: string) => compareArticles(adversarialCases.find(([n]) => n.startsWith(name))![1]());
  it('should name a page nested too deep and still compare the others', () => {
    const r = run('HTML nested');
    expect(r.documents.find((d) => d.id === 'deep')!.warnings).toEqual(['the HTML nests elements more than 500 levels deep; not extracted']);
    expect(r.documents.find((d) => d.id === 'copy')!.verdict).toBe('wholly-derived');
  });
  it('should see through look-alike letters and zero-width spaces, and report them', () => {
    for (const [name, id, signal] of [
      ['a copy in Cyrillic', 'homoglyphs', 'homoglyphWords'],
      ['a copy with zero-width', 'zero-width', 'invisibleWords'],
    ] as const) {
      const d = run(name).documents.find((x) => x.id === id)!;
      expect(d.verdict).toBe('wholly-derived');
      expect(d.evasion![signal]).toBeGreaterThan(100);
    }
  });
  it('should find two identical articles of repeated sentences wholly derived from each other', () => {
    const r = run('two 350 KB');
    expect(r.documents.map((d) => d.verdict)).toEqual(['wholly-derived', 'wholly-derived']);
  });
  it('should call two very long sentences with thousands of edits rewritten, not run an unbounded diff', () => {
    const r = run('two 40,000-word');
    const changes = r.documents.flatMap((d) => d.segments.flatMap((s) => s.changes ?? []));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.type === 'rewritten')).toBe(true);
  });
});
