/**
 * `npm run bench`: speed, memory and accuracy measured side by side in one run, reported as
 * ratios. Never part of the test suite (no timed assertions anywhere).
 *
 *   node --expose-gc build/bench.js [--quick] [--json]
 */

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { computeMinHash, estimateJaccard } from '../minhash/index.js';
import { createLshIndex } from '../lsh/index.js';
import { jaccard } from '../lsh/sets.js';
import { normalizeKey } from '../normalize/index.js';
import { compareArticles } from '../report/compare.js';
import { segmentParagraphs } from '../segment/index.js';
import { hashWords, shingleWords, toShingleSet, tokenizeWords } from '../shingle/index.js';
import { generateCorpus } from './corpus.js';
import { scoreReport } from './score.js';

const require = createRequire(import.meta.url);
const { Minhash } = require('minhash') as { Minhash: new () => { update(s: string): void; jaccard(o: unknown): number } };

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
// The table always prints; --json adds one JSON object as the last line.
const log = (s = ''): void => console.log(s);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function words(text: string): string[] {
  return tokenizeWords(normalizeKey(text)).map((t) => t.text);
}

const results: Record<string, number | string> = {};

// ── 1. Sketching: the seeds repeated to ~10 MB (1 MB with --quick) ──────────────────────────
const corpusDir = fileURLToPath(new URL('../test-corpus/', import.meta.url));
const seedTexts = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(corpusDir + f, 'utf8'));
const seedParagraphs = seedTexts.flatMap((t) => segmentParagraphs(t).map((s) => t.slice(s.start, s.end)));
const targetBytes = (quick ? 1 : 10) * 1024 * 1024;
const paragraphs: string[] = [];
let bytes = 0;
for (let i = 0; bytes < targetBytes; i++) {
  // A copy number makes each repeat a distinct paragraph (no cache can help).
  const p = `${seedParagraphs[i % seedParagraphs.length]!} (${Math.floor(i / seedParagraphs.length)})`;
  paragraphs.push(p);
  bytes += Buffer.byteLength(p);
}
const mb = bytes / 1024 / 1024;

gc();
const [, floorMs] = time(() => {
  let n = 0;
  for (const p of paragraphs) n += words(p).length;
  return n;
});
gc();
const [, oursMs] = time(() => {
  for (const p of paragraphs) computeMinHash(shingleWords(words(p)));
});
// The minhash package is ~100x slower: time it on a sample and scale per paragraph.
const sample = paragraphs.slice(0, quick ? 500 : 3000);
gc();
const [, theirsMs] = time(() => {
  for (const p of sample) {
    const m = new Minhash();
    for (const s of shingleWords(words(p))) m.update(String(s));
  }
});
const oursPerSec = paragraphs.length / (oursMs / 1000);
const floorPerSec = paragraphs.length / (floorMs / 1000);
const theirsPerSec = sample.length / (theirsMs / 1000);
results.paragraphs = paragraphs.length;
results.megabytes = Number(mb.toFixed(2));
results.sketchParagraphsPerSec = Math.round(oursPerSec);
results.minhashPkgParagraphsPerSec = Math.round(theirsPerSec);
results.floorParagraphsPerSec = Math.round(floorPerSec);
results.sketchMBPerSec = Number((mb / (oursMs / 1000)).toFixed(2));
results.ratioVsMinhashPkg = Number((oursPerSec / theirsPerSec).toFixed(1));
results.ratioVsFloor = Number((floorPerSec / oursPerSec).toFixed(2));

// Accuracy beside speed: mean absolute error of the Jaccard estimate on paragraph pairs.
const sets = seedParagraphs.map((p) => toShingleSet(shingleWords(words(p))));
let errOurs = 0;
let errTheirs = 0;
let pairs = 0;
const theirSig = (set: Uint32Array): { jaccard(o: unknown): number } => {
  const m = new Minhash();
  for (const s of set) m.update(String(s));
  return m;
};
const ours = sets.map((s) => computeMinHash(s));
const theirs = sets.map(theirSig);
for (let i = 0; i < sets.length; i++)
  for (let j = i + 1; j < sets.length; j++) {
    const exact = jaccard(sets[i]!, sets[j]!);
    if (exact === 0 && (i + j) % 7 !== 0) continue; // keep the pairs that overlap, plus a sample of the rest
    errOurs += Math.abs(estimateJaccard(ours[i]!, ours[j]!) - exact);
    errTheirs += Math.abs(theirs[i]!.jaccard(theirs[j]!) - exact);
    pairs++;
  }
results.jaccardMaeOurs = Number((errOurs / pairs).toFixed(4));
results.jaccardMaeMinhashPkg = Number((errTheirs / pairs).toFixed(4));

log(`wiretrace benchmark (${quick ? 'quick' : 'full'}) — node ${process.version}, ${process.platform} ${process.arch}`);
log();
log(`Sketching: seed paragraphs repeated to ${mb.toFixed(1)} MB (${paragraphs.length} paragraphs), word 5-shingles, 128 permutations`);
log(`  wiretrace          ${Math.round(oursPerSec).toString().padStart(9)} paragraphs/s  ${(mb / (oursMs / 1000)).toFixed(1)} MB/s`);
log(`  minhash package    ${Math.round(theirsPerSec).toString().padStart(9)} paragraphs/s  (sample of ${sample.length})`);
log(`  floor (tokenise)   ${Math.round(floorPerSec).toString().padStart(9)} paragraphs/s`);
log(`  ratio vs minhash package: ${(oursPerSec / theirsPerSec).toFixed(1)}x faster; floor/ours: ${(floorPerSec / oursPerSec).toFixed(2)}`);
log(`  Jaccard mean abs. error on ${pairs} paragraph pairs: wiretrace ${(errOurs / pairs).toFixed(4)}, minhash package ${(errTheirs / pairs).toFixed(4)}`);

// ── 2. Index: insert every paragraph, query each ───────────────────────────────────────────
{
  const n = quick ? 10_000 : 50_000;
  const gen = generateCorpus({ stories: Math.ceil(n / 60), outletsPerStory: 3, unrelated: 0, seed: 7 });
  const paras = gen.flatMap((a) => a.text.split('\n\n')).slice(0, n);
  const sigs = paras.map((p) => computeMinHash(shingleWords(words(p))));
  gc();
  const before = process.memoryUsage().heapUsed;
  const index = createLshIndex({ threshold: 0.5 });
  const [, insertMs] = time(() => sigs.forEach((s, i) => index.insert(String(i), s)));
  gc();
  const after = process.memoryUsage().heapUsed;
  const lat: number[] = [];
  for (let i = 0; i < sigs.length; i += Math.max(1, Math.floor(sigs.length / 5000))) {
    const t = performance.now();
    index.query(sigs[i]!);
    lat.push(performance.now() - t);
  }
  results.indexedParagraphs = sigs.length;
  results.insertPerSec = Math.round(sigs.length / (insertMs / 1000));
  results.queryP50Ms = Number(percentile(lat, 50).toFixed(4));
  results.queryP95Ms = Number(percentile(lat, 95).toFixed(4));
  results.bytesPerIndexedParagraph = Math.round((after - before) / sigs.length);
  log();
  log(`Index: ${sigs.length} paragraphs, threshold 0.5 (${index.bands} bands × ${index.rows} rows)`);
  log(`  insert ${results.insertPerSec}/s, query p50 ${results.queryP50Ms} ms, p95 ${results.queryP95Ms} ms, ${results.bytesPerIndexedParagraph} bytes per indexed paragraph (heap)`);
}

// ── 3. End to end on generated stories, with accuracy against the known answers ─────────────
{
  const stories = quick ? 20 : 100;
  const corpus = generateCorpus({ stories, outletsPerStory: 9, unrelated: stories, seed: 5 });
  const input = corpus.map((a) => ({ id: a.id, text: a.text, outlet: a.outlet }));
  gc();
  const [report, ms] = time(() => compareArticles(input));
  const score = scoreReport(report, corpus);
  results.compareArticles = input.length;
  results.compareSec = Number((ms / 1000).toFixed(2));
  results.msPerStory = Number((ms / stories).toFixed(1));
  results.peakRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  for (const [k, v] of Object.entries(score)) results[k] = Number(v.toFixed(4));
  log();
  log(`End to end: compareArticles on ${input.length} generated articles (${stories} stories × 10 versions + ${stories} unrelated)`);
  log(`  ${(ms / 1000).toFixed(2)} s, ${(ms / stories).toFixed(1)} ms per story, RSS ${results.peakRssMb} MB`);
  log(
    `  accuracy: story ARI ${score.storyAri.toFixed(3)}, links P ${score.linkPrecision.toFixed(3)} R ${score.linkRecall.toFixed(3)}, added P ${score.addedPrecision.toFixed(3)} R ${score.addedRecall.toFixed(3)}, cut P ${score.cutPrecision.toFixed(3)} R ${score.cutRecall.toFixed(3)}`,
  );
}

// ── 4. The word-level report of a pair of ~1,500-word articles ─────────────────────────────
{
  const [wire, copy] = generateCorpus({ stories: 1, outletsPerStory: 1, unrelated: 0, sentencesPerStory: 75, seed: 9 });
  const pair = [
    { id: 'wire', text: wire!.text },
    { id: 'copy', text: copy!.text },
  ];
  const lat: number[] = [];
  for (let i = 0; i < (quick ? 20 : 60); i++) lat.push(time(() => compareArticles(pair))[1]);
  results.pairWords = words(wire!.text).length;
  results.pairReportP95Ms = Number(percentile(lat, 95).toFixed(1));
  log();
  log(`Pair report: two articles of ~${results.pairWords} words, p95 ${results.pairReportP95Ms} ms`);
}

if (json) console.log(JSON.stringify(results));
