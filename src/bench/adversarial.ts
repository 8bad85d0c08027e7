/**
 * `npm run adversarial`: hostile and huge inputs, each timed and measured (time, heap), plus
 * the growth exponent of the work for doubling sizes (1.0 is linear, 2.0 quadratic). A script,
 * not a timed test: it prints figures, and exits non-zero only if a case throws.
 */

import { compareArticles } from '../report/compare.js';
import { renderHtml } from '../report/html.js';
import type { Article } from '../types.js';
import { generateCorpus } from './corpus.js';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(articles: Article[]): { ms: number; heapMb: number; segments: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const report = compareArticles(articles);
  renderHtml(report, articles);
  const ms = performance.now() - t;
  const heapMb = Math.max(0, (process.memoryUsage().heapUsed - before) / 2 ** 20);
  return { ms, heapMb, segments: report.documents.reduce((n, d) => n + d.segments.length, 0) };
}

const [wire, ...copies] = generateCorpus({ stories: 1, outletsPerStory: 49, unrelated: 0, sentencesPerStory: 30, seed: 3 });
const story = wire!.text;
const paragraph = story.split('\n\n')[2]!;

/** Text of about `bytes` characters: the wire story's paragraphs over and over, each numbered. */
function sized(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = `${story.split('\n\n')[i % 20]} [${i}]`;
    parts.push(p);
    n += p.length + 2;
  }
  return parts.join('\n\n');
}

const cases: Array<[string, () => Article[]]> = [
  ['an article of 5 MB (and its wire copy)', () => [{ id: 'huge', text: sized(5_000_000) }, { id: 'wire', text: story }]],
  ['5,000 identical paragraphs', () => [{ id: 'same', text: Array(5000).fill(paragraph).join('\n\n') }, { id: 'wire', text: story }]],
  ['50 outlets of the same story', () => [wire!, ...copies].map((a) => ({ id: a.id, text: a.text }))],
  ['a single 100,000-character "word"', () => [{ id: 'word', text: 'a'.repeat(100_000) }, { id: 'wire', text: story }]],
  ['all quotation marks', () => [{ id: 'q', text: '“”"\'‘’«»'.repeat(20_000) }, { id: 'wire', text: story }]],
  ['all digits', () => [{ id: 'd', text: '0123456789'.repeat(20_000) }, { id: 'wire', text: story }]],
  ['all punctuation', () => [{ id: 'p', text: '.,;:!?()[]{}-—–/\\|'.repeat(10_000) }, { id: 'wire', text: story }]],
  ['RTL and mixed scripts', () => [{ id: 'rtl', text: Array(2000).fill('قال مسؤول إن Azerbaijan أطلقت עמדה Karabakh Карабах 阿塞拜疆 \u202e reversed \u202c.').join('\n\n') }, { id: 'wire', text: story }]],
  ['emoji and ZWJ sequences', () => [{ id: 'emoji', text: Array(5000).fill('Blasts 👨‍👩‍👧‍👦🇦🇲🏳️‍🌈 heard in the town 🔥🔥.').join(' ') }, { id: 'wire', text: story }]],
  ['lone surrogates', () => [{ id: 'sur', text: `${paragraph}\ud800 \udc00`.repeat(2000) }, { id: 'wire', text: story }]],
  ['NUL bytes', () => [{ id: 'nul', text: story.replace(/ /g, '\u0000') }, { id: 'wire', text: story }]],
  ['CRLF line ends', () => [{ id: 'crlf', text: story.replace(/\n/g, '\r\n') }, { id: 'wire', text: story }]],
  ['CR-only line ends', () => [{ id: 'cr', text: story.replace(/\n/g, '\r') }, { id: 'wire', text: story }]],
  ['a byte-order mark', () => [{ id: 'bom', text: `\ufeff${story}` }, { id: 'wire', text: story }]],
];

console.log('Adversarial inputs (compareArticles + renderHtml, one thread)');
console.log('  case                                          time ms   heap MB   segments');
let failed = false;
const results: Record<string, { ms: number; heapMb: number }> = {};
for (const [name, make] of cases) {
  try {
    const r = measure(make());
    results[name] = { ms: Math.round(r.ms), heapMb: Math.round(r.heapMb) };
    console.log(`  ${name.padEnd(45)} ${String(Math.round(r.ms)).padStart(8)} ${String(Math.round(r.heapMb)).padStart(9)} ${String(r.segments).padStart(10)}`);
  } catch (e) {
    failed = true;
    console.log(`  ${name.padEnd(45)} FAILED: ${(e as Error).message}`);
  }
}

// Growth: time for doubling sizes of one article against the wire copy.
console.log('\nGrowth for doubling sizes (exponent 1.0 = linear, 2.0 = quadratic):');
const sizes = [625_000, 1_250_000, 2_500_000, 5_000_000];
const times: number[] = [];
for (const size of sizes) {
  const text = sized(size);
  measure([{ id: 'x', text }, { id: 'wire', text: story }]); // warm-up at this size
  times.push(measure([{ id: 'x', text }, { id: 'wire', text: story }]).ms);
}
const exponents = times.slice(1).map((t, i) => Math.log2(t / times[i]!));
sizes.forEach((s, i) => console.log(`  ${String(s).padStart(9)} chars  ${Math.round(times[i]!)} ms${i > 0 ? `   exponent ${exponents[i - 1]!.toFixed(2)}` : ''}`));
const mean = exponents.reduce((a, b) => a + b, 0) / exponents.length;
console.log(`  mean exponent ${mean.toFixed(2)}`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ cases: results, growthExponent: Number(mean.toFixed(2)), growthMs: times.map(Math.round) }));
process.exitCode = failed ? 1 : 0;
