/**
 * `npm run adversarial`: hostile and huge inputs, each timed and measured (time, heap), plus
 * the growth exponent of the work for doubling sizes (1.0 is linear, 2.0 quadratic). A script,
 * not a timed test: it prints figures, and exits non-zero only if a case throws.
 */

import { compareArticles } from '../src/compare.js';
import { renderHtml } from '../src/report/html.js';
import type { Article } from '../src/types.js';
import { adversarialCases, sized } from '../tests/fixtures/adversarial-cases.js';

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

console.log('Adversarial inputs (compareArticles + renderHtml, one thread)');
console.log('  case                                          time ms   heap MB   segments');
let failed = false;
const results: Record<string, { ms: number; heapMb: number }> = {};
for (const [name, make] of adversarialCases) {
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
// Sizes stay under maxSentencesPerDocument (5,000): above it the work is capped, which would
// flatter the exponent.
console.log('\nGrowth for doubling sizes, under the sentence limit (exponent 1.0 = linear, 2.0 = quadratic):');
const sizes = [62_500, 125_000, 250_000, 500_000];
const times: number[] = [];
for (const size of sizes) {
  const text = sized(size);
  const wireCopy = adversarialCases[0]![1]()[1]!;
  measure([{ id: 'x', text }, wireCopy]); // warm-up at this size
  times.push(measure([{ id: 'x', text }, wireCopy]).ms);
}
const exponents = times.slice(1).map((t, i) => Math.log2(t / times[i]!));
sizes.forEach((s, i) => console.log(`  ${String(s).padStart(9)} chars  ${Math.round(times[i]!)} ms${i > 0 ? `   exponent ${exponents[i - 1]!.toFixed(2)}` : ''}`));
const mean = exponents.reduce((a, b) => a + b, 0) / exponents.length;
console.log(`  mean exponent ${mean.toFixed(2)}`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ cases: results, growthExponent: Number(mean.toFixed(2)), growthMs: times.map(Math.round) }));
process.exitCode = failed ? 1 : 0;
