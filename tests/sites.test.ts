/**
 * The chrome stage and credit detection on articles as sites in six languages print them
 * (tests/fixtures/sites.ts: ten templates, seven articles per language, written for this test).
 */
import { describe, expect, it } from 'vitest';
import { compareArticles } from '../src/index.js';
import { siteCorpus, type Lang } from './fixtures/sites.js';

const corpus = siteCorpus();

interface Figures {
  chromeFound: number;
  chromeAll: number;
  bodyKept: number;
  bodyAll: number;
  creditTrue: number;
  creditPredicted: number;
  creditAll: number;
}

/** Where a line of the page starts: the first occurrence at the start of a line. */
function lineAt(text: string, line: string): number {
  for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) if (at === 0 || text[at - 1] === '\n') return at;
  throw new Error(`line not found: ${line}`);
}

function measure(lang?: Lang): Figures {
  const f: Figures = { chromeFound: 0, chromeAll: 0, bodyKept: 0, bodyAll: 0, creditTrue: 0, creditPredicted: 0, creditAll: 0 };
  for (const a of corpus.filter((x) => lang === undefined || x.lang === lang)) {
    // Each article alone: what a site's page gives, with no other article to learn from.
    const d = compareArticles([{ id: a.id, text: a.text }]).documents[0]!;
    const boiler = d.segments.filter((s) => s.kind === 'boilerplate');
    for (const line of a.chrome) {
      const at = lineAt(a.text, line);
      f.chromeAll++;
      if (boiler.some((s) => s.start <= at && s.end >= at + line.length)) f.chromeFound++;
    }
    for (const sentence of a.body) {
      const at = a.text.indexOf(sentence);
      f.bodyAll++;
      if (!boiler.some((s) => s.start < at + sentence.length && at < s.end)) f.bodyKept++;
    }
    const credited = d.credited ? (d.attribution.find((x) => x.kind !== 'wire-sourcing')?.agency ?? null) : null;
    if (a.credits !== null) f.creditAll++;
    if (credited !== null) f.creditPredicted++;
    if (credited !== null && credited === a.credits) f.creditTrue++;
  }
  return f;
}

describe('chrome and credit on sites in six languages', () => {
  it('should hold a corpus of at least 40 articles, six languages, ten templates', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((a) => a.lang)).size).toBe(6);
    expect(new Set(corpus.map((a) => a.template)).size).toBe(10);
  });

  it.each(['en', 'fr', 'es', 'de', 'pt', 'ar'] as const)('should find the furniture, keep every body sentence and find the credit (%s)', (lang) => {
    const f = measure(lang);
    console.log(
      `${lang}: chrome recall ${(f.chromeFound / f.chromeAll).toFixed(3)} (${f.chromeFound}/${f.chromeAll}), body kept ${(f.bodyKept / f.bodyAll).toFixed(3)}, ` +
        `credit precision ${(f.creditTrue / Math.max(1, f.creditPredicted)).toFixed(3)} recall ${(f.creditTrue / f.creditAll).toFixed(3)}`,
    );
    expect(f.chromeFound / f.chromeAll).toBeGreaterThanOrEqual(0.95);
    expect(f.bodyKept / f.bodyAll).toBeGreaterThanOrEqual(0.99);
    expect(f.creditTrue / Math.max(1, f.creditPredicted)).toBeGreaterThanOrEqual(0.95);
    expect(f.creditTrue / f.creditAll).toBeGreaterThanOrEqual(0.95);
  });

  it('should meet the figures over the whole corpus', () => {
    const f = measure();
    expect(f.chromeFound / f.chromeAll).toBeGreaterThanOrEqual(0.95);
    expect(f.bodyKept / f.bodyAll).toBeGreaterThanOrEqual(0.99);
    expect(f.creditTrue / f.creditPredicted).toBeGreaterThanOrEqual(0.95);
    expect(f.creditTrue / f.creditAll).toBeGreaterThanOrEqual(0.95);
  });
});
