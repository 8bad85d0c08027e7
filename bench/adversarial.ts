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

// The bound every input of at most 1 MB must keep: 10 s and 1 GB.
const BOUND_MS = 10_000;
const BOUND_MB = 1024;
console.log('Adversarial inputs (compareArticles + renderHtml, one thread); bound for inputs <= 1 MB: 10 s, 1 GB');
console.log('  case                                                             input KB   time ms   heap MB   segments  bound');
let failed = false;
const results: Record<string, { ms: number; heapMb: number }> = {};
for (const [name, make] of adversarialCases) {
  try {
    const articles = make();
    const kb = articles.reduce((n, a) => n + a.text.length, 0) / 1024;
    const r = measure(articles);
    results[name] = { ms: Math.round(r.ms), heapMb: Math.round(r.heapMb) };
    const bounded = kb > 1024 ? 'n/a' : r.ms <= BOUND_MS && r.heapMb <= BOUND_MB ? 'ok' : 'OVER';
    if (bounded === 'OVER') failed = true;
    console.log(
      `  ${name.padEnd(64)} ${String(Math.round(kb)).padStart(8)} ${String(Math.round(r.ms)).padStart(9)} ${String(Math.round(r.heapMb)).padStart(9)} ${String(r.segments).padStart(10)}  ${bounded}`,
    );
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
console.log(`\npeak RSS of the whole run: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ cases: results, growthExponent: Number(mean.toFixed(2)), growthMs: times.map(Math.round) }));
process.exitCode = failed ? 1 : 0;
