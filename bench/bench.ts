/**
 * `npm run bench`: speed, memory and accuracy measured side by side in one run, reported as
 * ratios. Never part of the test suite (no timed assertions anywhere).
 *
 *   node --expose-gc build/bench.js [--quick] [--json]
 *   node build/bench.js --scale N     (alone: N short articles into the embedded store)
 *
 * Each phase runs in a fresh child process (its own heap, JIT and peak RSS); the parent prints
 * the table and, with --json, one JSON object as the last line.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLshIndex } from '../src/lsh/lsh.js';
import { jaccard } from '../src/lsh/sets.js';
import { computeMinHash, estimateJaccard } from '../src/minhash/minhash.js';
import { sketchTexts } from '../src/minhash/batch.js';
import { normalizeKey } from '../src/normalize/normalize.js';
import { compareArticles } from '../src/compare.js';
import { segmentParagraphs } from '../src/segment/paragraph.js';
import { shingleWords, toShingleSet } from '../src/shingle/shingle.js';
import { tokenizeWords } from '../src/shingle/tokenize.js';
import type { Report } from '../src/types.js';
import { generateCorpus, type GeneratedArticle } from '../tests/fixtures/corpus.js';
import { adjustedRandIndex, scoreReport } from '../tests/fixtures/score.js';
import { FileWireStore } from '../src/feed/stores/file.js';
import { openLmdbWireStore } from '../src/feed/stores/lmdb.js';
import type { IndexResult } from '../src/feed/types.js';
import { createWireIndex } from '../src/feed/wire-index.js';
import { openRedisWireStore } from '../src/feed/stores/redis.js';
import { MemoryWireStore } from '../src/feed/stores/memory.js';
import type { WireStore } from '../src/feed/stores/store.js';

type Results = Record<string, number | string>;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** Outlets in the big-story runs of the story phase (their growth shows whether a story's cost is near-linear). */
// Past 1,000 (the `maxArticlesPerStory` default) the limit is raised for the run: a story of thousands.
const BIG_STORIES = quick ? [100, 200] : [100, 200, 400, 1000, 2000];
const phaseArg = args.indexOf('--phase');
const phase = phaseArg >= 0 ? args[phaseArg + 1] : undefined;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function words(text: string): string[] {
  return tokenizeWords(normalizeKey(text)).map((t) => t.text);
}

function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const require = createRequire(import.meta.url);
type TheirMinhash = { update(s: string): void; jaccard(o: unknown): number };
const { Minhash } = require('minhash') as { Minhash: new () => TheirMinhash };

/** ~600-word wire stories, 9 outlet copies each, plus unrelated articles: `n` articles in all. */
function corpus(n: number, seed = 5): GeneratedArticle[] {
  const stories = Math.max(1, Math.round(n / 11));
  return generateCorpus({ stories, outletsPerStory: 9, unrelated: n - stories * 10, sentencesPerStory: 30, seed });
}

/**
 * The reference the issue names: the same task written as tightly as it goes here, with typed
 * arrays and nothing allocated per shingle or per paragraph (lower-case and split on anything
 * that is not a letter or digit, FNV-1a words, a rolling combination of five word hashes, then
 * one permutation into 128 bins or 128 multiply-shift permutations). Its hashes are its own: it
 * is a speed reference, not a second implementation of ours.
 */
function tightSketch(paragraphs: readonly string[], scheme: 'oph' | 'kperm'): Uint32Array {
  const numPerm = 128;
  const out = new Uint32Array(paragraphs.length * numPerm);
  const ring = new Int32Array(5);
  let shingles = new Int32Array(4096);
  const a = new Int32Array(numPerm);
  const b = new Int32Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    a[i] = Math.imul(i + 1, 0x9e3779b1) | 1;
    b[i] = Math.imul(i + 7, 0x85ebca6b);
  }
  for (let t = 0; t < paragraphs.length; t++) {
    const p = paragraphs[t]!;
    let count = 0;
    let words = 0;
    let h = 0x811c9dc5 | 0;
    let inWord = false;
    for (let i = 0; i <= p.length; i++) {
      let c = i < p.length ? p.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;
      if (wordChar) {
        h = Math.imul(h ^ c, 0x01000193);
        inWord = true;
        continue;
      }
      if (!inWord) continue;
      ring[words % 5] = h;
      words++;
      h = 0x811c9dc5 | 0;
      inWord = false;
      if (words >= 5) {
        let s = 0;
        for (let k = 0; k < 5; k++) s = Math.imul(s ^ ring[(words + k) % 5]!, 0x5bd1e995);
        if (count === shingles.length) {
          const grown = new Int32Array(count * 2);
          grown.set(shingles);
          shingles = grown;
        }
        shingles[count++] = s;
      }
    }
    const base = t * numPerm;
    if (scheme === 'oph') {
      out.fill(0xffffffff, base, base + numPerm);
      for (let s = 0; s < count; s++) {
        let x = shingles[s]!;
        x ^= x >>> 16;
        x = Math.imul(x, 0x85ebca6b);
        x ^= x >>> 13;
        const v = x >>> 0;
        const bin = base + (v >>> 25);
        if (v < out[bin]!) out[bin] = v;
      }
    } else {
      for (let i = 0; i < numPerm; i++) {
        const ai = a[i]!;
        const bi = b[i]!;
        let min = 0x7fffffff;
        for (let s = 0; s < count; s++) {
          let x = (Math.imul(shingles[s]!, ai) + bi) | 0;
          x ^= x >>> 16;
          x = Math.imul(x, 0x85ebca6b) ^ -2147483648;
          if (x < min) min = x;
        }
        out[base + i] = (min ^ -2147483648) >>> 0;
      }
    }
  }
  return out;
}

// ── Phases ─────────────────────────────────────────────────────────────────────────────────

const phases: Record<string, () => Results | Promise<Results>> = {
  /** Raw text → signatures: wiretrace, the minhash package on the same shingles, a tokenise-only floor. */
  sketch() {
    const articles = corpus(quick ? 500 : 10_000).map((a) => a.text);
    const bytes = articles.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const mb = bytes / 1024 / 1024;
    // Warm up every path once.
    for (const t of articles.slice(0, 50)) computeMinHash(shingleWords(words(t)));
    gc();
    const [, floorMs] = time(() => {
      let n = 0;
      for (const t of articles) n += words(t).length;
      return n;
    });
    gc();
    const [, oursMs] = time(() => {
      for (const t of articles) computeMinHash(shingleWords(words(t)));
    });
    gc();
    const [, ophMs] = time(() => {
      for (const t of articles) computeMinHash(shingleWords(words(t)), { scheme: 'oph' });
    });
    const sample = articles.slice(0, quick ? 100 : 500);
    gc();
    const [, theirsMs] = time(() => {
      for (const t of sample) {
        const m = new Minhash();
        for (const s of shingleWords(words(t))) m.update(String(s));
      }
    });
    const ours = articles.length / (oursMs / 1000);
    const floor = articles.length / (floorMs / 1000);
    const theirs = sample.length / (theirsMs / 1000);

    // Issue 2's figure: the seed paragraphs repeated to ~10 MB (1 MB quick).
    const dir = fileURLToPath(new URL('../test-corpus/', import.meta.url));
    const seedParas = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => {
        const t = readFileSync(dir + f, 'utf8');
        return segmentParagraphs(t).map((s) => t.slice(s.start, s.end));
      });
    const paras: string[] = [];
    let size = 0;
    for (let i = 0; size < (quick ? 1 : 10) * 1024 * 1024; i++) {
      const p = `${seedParas[i % seedParas.length]!} (${Math.floor(i / seedParas.length)})`;
      paras.push(p);
      size += Buffer.byteLength(p);
    }
    gc();
    const [, seedMs] = time(() => {
      for (const p of paras) computeMinHash(shingleWords(words(p)));
    });
    const seedSample = paras.slice(0, 2000);
    const [, seedTheirsMs] = time(() => {
      for (const p of seedSample) {
        const m = new Minhash();
        for (const s of shingleWords(words(p))) m.update(String(s));
      }
    });

    // Accuracy beside speed: Jaccard estimate error on paragraph pairs that overlap.
    const gen = corpus(220, 8);
    const paragraphsOf = (a: GeneratedArticle): Uint32Array[] => a.text.split('\n\n').map((p) => toShingleSet(shingleWords(words(p))));
    let errOurs = 0;
    let errTheirs = 0;
    let errOph = 0;
    let pairs = 0;
    const theirSig = (s: Uint32Array): TheirMinhash => {
      const m = new Minhash();
      for (const v of s) m.update(String(v));
      return m;
    };
    for (let i = 0; i + 1 < gen.length && pairs < 2000; i++) {
      if (!gen[i]!.wire) continue;
      const wire = paragraphsOf(gen[i]!);
      const copy = paragraphsOf(gen[i + 1]!);
      for (const a of wire)
        for (const b of copy) {
          const exact = jaccard(a, b);
          if (exact === 0) continue;
          errOurs += Math.abs(estimateJaccard(computeMinHash(a), computeMinHash(b)) - exact);
          errOph += Math.abs(estimateJaccard(computeMinHash(a, { scheme: 'oph' }), computeMinHash(b, { scheme: 'oph' })) - exact);
          errTheirs += Math.abs(theirSig(a).jaccard(theirSig(b)) - exact);
          pairs++;
        }
    }
    // The same comparison on whole articles (wire copy against each outlet copy).
    let docErrOurs = 0;
    let docErrOph = 0;
    let docPairs = 0;
    for (let i = 0; i < gen.length; i++) {
      if (!gen[i]!.wire) continue;
      const w = toShingleSet(shingleWords(words(gen[i]!.text)));
      for (let j = i + 1; j < gen.length && gen[j]!.story === gen[i]!.story; j++) {
        const c = toShingleSet(shingleWords(words(gen[j]!.text)));
        const exact = jaccard(w, c);
        docErrOurs += Math.abs(estimateJaccard(computeMinHash(w), computeMinHash(c)) - exact);
        docErrOph += Math.abs(estimateJaccard(computeMinHash(w, { scheme: 'oph' }), computeMinHash(c, { scheme: 'oph' })) - exact);
        docPairs++;
      }
    }
    return {
      sketchOphArticlesPerSec: round(articles.length / (ophMs / 1000)),
      jaccardMaeOph: round(errOph / pairs, 4),
      articlePairs: docPairs,
      articleMaeOurs: round(docErrOurs / docPairs, 4),
      articleMaeOph: round(docErrOph / docPairs, 4),
      sketchArticles: articles.length,
      sketchMB: round(mb, 1),
      sketchArticlesPerSec: round(ours),
      minhashPkgArticlesPerSec: round(theirs, 1),
      floorArticlesPerSec: round(floor),
      sketchMBPerSec: round(mb / (oursMs / 1000), 2),
      floorMBPerSec: round(mb / (floorMs / 1000), 2),
      ratioVsMinhashPkg: round(ours / theirs, 1),
      ratioVsFloor: round(floor / ours, 2),
      seedParagraphs: paras.length,
      seedMB: round(size / 1024 / 1024, 1),
      seedParagraphsPerSec: round(paras.length / (seedMs / 1000)),
      seedMinhashPkgParagraphsPerSec: round(seedSample.length / (seedTheirsMs / 1000)),
      jaccardPairs: pairs,
      jaccardMaeOurs: round(errOurs / pairs, 4),
      jaccardMaeMinhashPkg: round(errTheirs / pairs, 4),
    };
  },

  /** LSH: insert every paragraph, query a sample; latency and heap bytes per paragraph. */
  index() {
    // One configuration per process: `--phase index --size N --threshold T`.
    const n = Number(args[args.indexOf('--size') + 1]);
    const threshold = Number(args[args.indexOf('--threshold') + 1]);
    const articles = corpus(Math.ceil(n / 9), 3);
    const sampleEvery = Math.max(1, Math.floor(n / 5000));
    const sampleTexts: string[] = [];
    // Typed arrays live outside the JS heap: count their buffers too.
    const used = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    gc();
    gc();
    const before = used();
    const index = createLshIndex({ threshold });
    let count = 0;
    let insertMs = 0;
    // Exact duplicates (a site's footer on every page) are collapsed before the index, as a
    // feed should: otherwise they make most of the candidate pairs.
    const seen = new Set<string>();
    let duplicates = 0;
    outer: for (const a of articles)
      for (const p of a.text.split('\n\n')) {
        if (count >= n) break outer;
        const key = normalizeKey(p);
        if (seen.has(key)) {
          duplicates++;
          continue;
        }
        seen.add(key);
        const sig = computeMinHash(shingleWords(words(p)));
        const t = performance.now();
        index.insert(`p${count}`, sig);
        insertMs += performance.now() - t;
        if (count % sampleEvery === 0) sampleTexts.push(p);
        count++;
      }
    gc();
    gc();
    // Heap held by the index alone: the sample texts are strings the corpus already holds.
    seen.clear();
    gc();
    const heap = used() - before - sampleTexts.length * 8;
    const lat: number[] = [];
    for (const p of sampleTexts) {
      const q = computeMinHash(shingleWords(words(p)));
      lat.push(time(() => index.query(q))[1]);
    }
    const key = `${n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`}@${threshold}`;
    return {
      [`indexed_${key}`]: count,
      [`duplicatesCollapsed_${key}`]: duplicates,
      [`bands_${key}`]: `${index.bands}x${index.rows}`,
      [`insertPerSec_${key}`]: round(count / (insertMs / 1000)),
      [`queryP50Ms_${key}`]: round(percentile(lat, 50), 4),
      [`queryP95Ms_${key}`]: round(percentile(lat, 95), 4),
      [`bytesPerParagraph_${key}`]: round(heap / count),
    };
  },

  /** compareArticles on one story of 5 to 50 outlets. */
  story() {
    const out: Results = {};
    for (const outlets of [5, 10, 20, 50]) {
      const gen = generateCorpus({ stories: 1, outletsPerStory: outlets - 1, unrelated: 0, sentencesPerStory: 30, seed: outlets });
      const input = gen.map((a) => ({ id: a.id, text: a.text }));
      compareArticles(input);
      const lat: number[] = [];
      for (let i = 0; i < (quick ? 3 : 10); i++) lat.push(time(() => compareArticles(input))[1]);
      out[`storyMs_${outlets}`] = round(percentile(lat, 50), 1);
    }
    return out;
  },

  /**
   * A big story (hundreds of outlets on one wire piece), one run in a process of its own so its
   * peak RSS is its own: `--outlets N`, and `--realistic` for outlets with footers, bylines and
   * templates (they reprint more of the wire word for word).
   */
  bigstory() {
    const outlets = Number(args[args.indexOf('--outlets') + 1]);
    const realistic = args.includes('--realistic');
    const gen = generateCorpus({ stories: 1, outletsPerStory: outlets - 1, unrelated: 0, sentencesPerStory: 30, seed: outlets, realistic });
    const input = gen.map((a) => ({ id: a.id, text: a.text, ...(realistic && a.outlet !== undefined ? { outlet: a.outlet } : {}) }));
    const name = realistic ? 'storyRealistic' : 'story';
    const ms = time(() => compareArticles(input, { maxArticlesPerStory: Math.max(1000, outlets) }))[1];
    return { [`${name}Ms_${outlets}`]: round(ms, 0), [`${name}RssMb_${outlets}`]: round(process.resourceUsage().maxRSS / 1024, 0) };
  },

  /** The CLI on a folder of generated articles (10k; 1k quick), with accuracy against the answers. */
  folder() {
    const n = quick ? 500 : 10_000;
    const gen = corpus(n, 5);
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'));
    for (const a of gen) writeFileSync(join(dir, `${a.id}.txt`), a.text);
    // The built CLI in a child process, as a user runs it: its time and its own peak RSS.
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    // A preloaded hook reports the child's peak RSS on stderr as it exits.
    const hook = join(dir, 'rss-hook.mjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));\n");
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, cli, 'compare', dir, '--json'], { encoding: 'utf8', maxBuffer: 2 ** 31 - 1 });
    const ms = performance.now() - t0;
    rmSync(dir, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`compare exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    const score = scoreReport(JSON.parse(run.stdout) as Report, gen);
    const out: Results = {
      folderArticles: gen.length,
      compareFolderSec: round(ms / 1000, 2),
      peakRssMb: round(Number(/maxRSS=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024),
    };
    for (const [k, v] of Object.entries(score)) out[k] = round(v, 4);
    return out;
  },

  /** A generated feed through the streaming index, per store: ingest rate and memory per article. */
  async feed() {
    const kind = args[args.indexOf('--store') + 1]!;
    const n = Number(args[args.indexOf('--size') + 1]);
    const gen = corpus(n, 13);
    let store: WireStore;
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-feed-'));
    if (kind === 'memory') store = new MemoryWireStore();
    else if (kind === 'file') store = new FileWireStore(dir);
    else if (kind === 'lmdb') store = await openLmdbWireStore(dir);
    else {
      try {
        store = await openRedisWireStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6390', { namespace: `bench-${Date.now()}` });
      } catch (e) {
        return { [`feed_${kind}`]: `skipped: ${(e as Error).message}` };
      }
    }
    const index = createWireIndex({ store });
    gc();
    const before = process.memoryUsage();
    const t = performance.now();
    const results: IndexResult[] = [];
    for (const a of gen) results.push(await index.add({ id: a.id, text: a.text, outlet: a.outlet }));
    const ms = performance.now() - t;
    gc();
    const after = process.memoryUsage();
    const stats = await index.stats();
    // Accuracy: the final stories against the generated families.
    const final = await Promise.all(gen.map(async (a) => (await store.get(a.id))!.story));
    const ari = adjustedRandIndex(
      gen.map((a) => a.story ?? `solo:${a.id}`),
      final.map((s, i) => (gen[i]!.story === null && results[i]!.newStory && final.filter((x) => x === s).length === 1 ? `solo:${gen[i]!.id}` : s)),
    );
    await index.close();
    rmSync(dir, { recursive: true, force: true });
    return {
      [`feed_${kind}_articles`]: n,
      [`feed_${kind}_perSec`]: round(n / (ms / 1000), 1),
      [`feed_${kind}_heapKbPerArticle`]: round((after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / n / 1024, 1),
      [`feed_${kind}_stories`]: stats.stories,
      [`feed_${kind}_ari`]: round(ari, 4),
    };
  },

  /**
   * `--scale N`: N short generated articles (stories of five ~80-word copies, a tenth unrelated)
   * fed as JSON Lines to `wiretrace index add --store DIR`, the embedded store, as a pipeline
   * feeds it: time, rate every tenth, the writer's peak RSS, the size on disk, and the peak RSS
   * of `index stats` reopening the store read-only, at a tenth of the way and at the end.
   */
  async scale() {
    const n = Number(args[args.indexOf('--scale') + 1]);
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-scale-'));
    const store = join(dir, 'store');
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const hook = join(dir, 'rss-hook.mjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));\n");
    const peakMb = (stderr: string): number => round(Number(/maxRSS=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024);
    const statsRss = (): { articles: number; rssMb: number } => {
      const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, cli, 'index', 'stats', '--store', store], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`index stats exited ${run.status}: ${run.stderr}`);
      return { articles: (JSON.parse(run.stdout) as { articles: number }).articles, rssMb: peakMb(run.stderr) };
    };
    const { spawn } = await import('node:child_process');
    const writer = spawn(process.execPath, ['--import', pathToFileURL(hook).href, cli, 'index', 'add', '--store', store], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    writer.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The writer's own memory (anonymous pages), apart from the database's mapped pages that
    // its RSS also counts: sampled from /proc where there is one.
    let peakAnonKb = NaN;
    const sampler = setInterval(() => {
      try {
        const kb = Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${writer.pid}/status`, 'utf8'))?.[1]);
        if (Number.isFinite(kb)) peakAnonKb = Number.isFinite(peakAnonKb) ? Math.max(peakAnonKb, kb) : kb;
      } catch {
        // No /proc (not Linux), or the writer has exited.
      }
    }, 1000);
    let acked = 0;
    let pending = '';
    const t0 = performance.now();
    const marks: number[] = [];
    let waiter: (() => void) | null = null;
    writer.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      acked += lines.length;
      while (marks.length < 10 && acked >= ((marks.length + 1) * n) / 10) marks.push(performance.now() - t0);
      waiter?.();
    });
    const closed = new Promise<number | null>((r) => writer.once('close', r));
    let tenth: { articles: number; rssMb: number } | null = null;
    // Generated and written a thousand at a time, never far ahead of the writer.
    for (let chunk = 0, sent = 0; sent < n; chunk++) {
      const gen = generateCorpus({ stories: 180, outletsPerStory: 4, unrelated: 100, sentencesPerStory: 4, seed: chunk + 1 }).slice(0, n - sent);
      const lines = gen.map((a) => JSON.stringify({ id: `c${chunk}-${a.id}`, text: a.text, outlet: a.outlet })).join('\n') + '\n';
      sent += gen.length;
      if (!writer.stdin.write(lines)) await new Promise((r) => writer.stdin.once('drain', r));
      while (acked < sent - 5_000) await new Promise<void>((r) => (waiter = r));
      if (tenth === null && acked >= n / 10) tenth = statsRss();
    }
    writer.stdin.end();
    const code = await closed;
    clearInterval(sampler);
    const ms = performance.now() - t0;
    if (code !== 0) throw new Error(`index add exited ${code}: ${stderr.slice(0, 500)}`);
    const end = statsRss();
    const bytes = readdirSync(store).reduce((sum, f) => sum + statSync(join(store, f)).size, 0);
    rmSync(dir, { recursive: true, force: true });
    return {
      scaleArticles: acked,
      scaleSec: round(ms / 1000, 1),
      scalePerSec: round(acked / (ms / 1000), 1),
      scaleTenthsPerSec: marks.map((m, i) => round(n / 10 / ((m - (marks[i - 1] ?? 0)) / 1000))).join(' '),
      scaleWriterPeakRssMb: peakMb(stderr),
      scaleWriterPeakAnonMb: round(peakAnonKb / 1024),
      scaleDiskMb: round(bytes / 2 ** 20),
      scaleReopenRssMbAtTenth: tenth?.rssMb ?? NaN,
      scaleReopenArticlesAtTenth: tenth?.articles ?? NaN,
      scaleReopenRssMbAtEnd: end.rssMb,
      scaleReopenArticlesAtEnd: end.articles,
    };
  },

  /**
   * Paragraph sketching as issue #16 specifies it, every implementation on the same paragraphs:
   * a generated corpus with outlet footers (30% unrelated articles), split into paragraphs;
   * lower-case, word 5-shingles, 128-value MinHash per paragraph; then LSH 32 × 4, insert all,
   * query all. Beside wiretrace: the `minhash` package (a sample), tight reference loops written
   * here with typed arrays and no allocation per shingle (one permutation, and 128), and the
   * floor (lower-case and split only).
   */
  paragraphs() {
    const n = quick ? 1_000 : 10_000;
    const stories = Math.round((n * 0.7) / 10);
    const gen = generateCorpus({ stories, outletsPerStory: 9, unrelated: n - stories * 10, sentencesPerStory: 30, seed: 21, realistic: true });
    const paragraphs = gen.flatMap((a) => a.text.split(/\n\s*\n/));
    const mb = paragraphs.reduce((x, p) => x + Buffer.byteLength(p), 0) / 2 ** 20;
    const perSec = (count: number, ms: number): number => round(count / (ms / 1000));
    const best = (fn: () => void): number => {
      // The better of two runs: the first also pays for compilation.
      const a = time(fn)[1];
      gc();
      const b = time(fn)[1];
      gc();
      return Math.min(a, b);
    };
    gc();
    const floorMs = best(() => {
      let words = 0;
      for (const p of paragraphs) words += p.toLowerCase().split(/\s+/).length;
      if (words < 0) throw new Error('unreachable');
    });
    const apiMs = best(() => {
      for (const p of paragraphs) computeMinHash(shingleWords(words(p)));
    });
    const apiOphMs = best(() => {
      for (const p of paragraphs) computeMinHash(shingleWords(words(p)), { scheme: 'oph' });
    });
    let batchOph: ReturnType<typeof sketchTexts> | null = null;
    const batchMs = best(() => void sketchTexts(paragraphs));
    const batchOphMs = best(() => void (batchOph = sketchTexts(paragraphs, { scheme: 'oph' })));
    const tightOphMs = best(() => void tightSketch(paragraphs, 'oph'));
    const tightKpermMs = best(() => void tightSketch(paragraphs, 'kperm'));
    const sample = paragraphs.slice(0, quick ? 300 : 2_000);
    const theirsMs = time(() => {
      for (const p of sample) {
        const m = new Minhash();
        for (const sh of shingleWords(words(p))) m.update(String(sh));
      }
    })[1];
    // Jaccard error on overlapping paragraph pairs (a wire paragraph and its outlets' paragraphs).
    const sets = paragraphs.map((p) => toShingleSet(shingleWords(words(p))));
    const kperm = sketchTexts(paragraphs);
    const oph = batchOph!;
    let pairs = 0;
    let errK = 0;
    let errO = 0;
    const firstOf = new Map<string, number>();
    let at = 0;
    for (const a of gen) {
      firstOf.set(a.id, at);
      at += a.text.split(/\n\s*\n/).length;
    }
    for (let i = 0; i < gen.length && pairs < 3_000; i++) {
      if (!gen[i]!.wire) continue;
      const wireParas = gen[i]!.text.split(/\n\s*\n/).length;
      for (let j = i + 1; j < gen.length && gen[j]!.story === gen[i]!.story && pairs < 3_000; j++) {
        const copyParas = gen[j]!.text.split(/\n\s*\n/).length;
        for (let x = 0; x < wireParas; x++)
          for (let y = 0; y < copyParas; y++) {
            const a = firstOf.get(gen[i]!.id)! + x;
            const b = firstOf.get(gen[j]!.id)! + y;
            const exact = jaccard(sets[a]!, sets[b]!);
            if (exact === 0) continue;
            errK += Math.abs(estimateJaccard(kperm.at(a), kperm.at(b)) - exact);
            errO += Math.abs(estimateJaccard(oph.at(a), oph.at(b)) - exact);
            pairs++;
          }
      }
    }
    // LSH 32 × 4 over the one-permutation signatures: insert all, query all.
    const index = createLshIndex({ bands: 32, rows: 4, scheme: 'oph' });
    const [, insertMs] = time(() => {
      for (let i = 0; i < paragraphs.length; i++) index.insert(String(i), oph.at(i));
    });
    const [, queryMs] = time(() => {
      for (let i = 0; i < paragraphs.length; i++) index.query(oph.at(i));
    });
    const theirs = sample.length / (theirsMs / 1000);
    return {
      paraArticles: gen.length,
      paraCount: paragraphs.length,
      paraMB: round(mb, 1),
      paraFloorPerSec: perSec(paragraphs.length, floorMs),
      paraMinhashPkgPerSec: round(theirs),
      paraApiKpermPerSec: perSec(paragraphs.length, apiMs),
      paraApiOphPerSec: perSec(paragraphs.length, apiOphMs),
      paraBatchKpermPerSec: perSec(paragraphs.length, batchMs),
      paraBatchOphPerSec: perSec(paragraphs.length, batchOphMs),
      paraTightOphPerSec: perSec(paragraphs.length, tightOphMs),
      paraTightKpermPerSec: perSec(paragraphs.length, tightKpermMs),
      paraOphVsPkg: round(paragraphs.length / (batchOphMs / 1000) / theirs, 1),
      paraOphVsFloor: round(batchOphMs / floorMs, 2),
      paraKpermVsTight: round(batchMs / tightKpermMs, 2),
      paraOphVsTight: round(batchOphMs / tightOphMs, 2),
      paraJaccardPairs: pairs,
      paraMaeKperm: round(errK / pairs, 4),
      paraMaeOph: round(errO / pairs, 4),
      paraLshInsertSec: round(insertMs / 1000, 2),
      paraLshQuerySec: round(queryMs / 1000, 2),
      paraPeakRssMb: round(process.resourceUsage().maxRSS / 1024),
    };
  },

  /** The word-level report of two ~1,500-word articles. */
  pair() {
    const [wire, copy] = generateCorpus({ stories: 1, outletsPerStory: 1, unrelated: 0, sentencesPerStory: 72, seed: 9 });
    const input = [
      { id: 'wire', text: wire!.text },
      { id: 'copy', text: copy!.text },
    ];
    // Steady state, as a warm service answers: the optimising compiler settles over the first
    // ~30 calls (measured: 14–42 ms for the first 20, 7–12 ms after).
    for (let i = 0; i < 30; i++) compareArticles(input);
    const lat: number[] = [];
    for (let i = 0; i < (quick ? 30 : 100); i++) lat.push(time(() => compareArticles(input))[1]);
    return { pairWords: words(wire!.text).length, pairReportP50Ms: round(percentile(lat, 50), 1), pairReportP95Ms: round(percentile(lat, 95), 1) };
  },
};

// ── Child: run one phase, print its results as one JSON line ──────────────────────────────
if (phase !== undefined) {
  const run = phases[phase];
  if (run === undefined) throw new Error(`unknown phase ${phase}`);
  console.log(JSON.stringify(await run()));
} else {
  // ── Parent: run every phase in a fresh process, then print the table ─────────────────────
  const self = fileURLToPath(import.meta.url);
  const results: Results = {};
  const started = performance.now();
  if (args.includes('--scale')) {
    // Opt-in, and alone: the embedded store at a size of the caller's choosing (1,000,000 takes an hour).
    const n = Number(args[args.indexOf('--scale') + 1]);
    if (!Number.isInteger(n) || n < 1_000) throw new Error('--scale needs a number of articles, at least 1000.');
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', self, '--phase', 'scale', '--scale', String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const r = JSON.parse(out.trim().split('\n').pop()!) as Results;
    console.log(
      [
        `Embedded store at scale: ${r.scaleArticles} short articles through wiretrace index add --store (LMDB), one writer`,
        `  ${r.scaleSec} s, ${r.scalePerSec} articles/s (each tenth: ${r.scaleTenthsPerSec}/s); writer peak RSS ${r.scaleWriterPeakRssMb} MB (its own memory ${r.scaleWriterPeakAnonMb} MB; the rest is the database's mapped pages); ${r.scaleDiskMb} MB on disk`,
        `  reopened read-only (index stats): peak RSS ${r.scaleReopenRssMbAtTenth} MB at ${r.scaleReopenArticlesAtTenth} articles, ${r.scaleReopenRssMbAtEnd} MB at ${r.scaleReopenArticlesAtEnd}`,
        `(${round((performance.now() - started) / 1000, 1)} s)`,
      ].join('\n'),
    );
    if (args.includes('--json')) console.log(JSON.stringify(r));
    process.exit(0);
  }
  const big = quick ? 50_000 : 1_000_000;
  const runs: string[][] = [['sketch']];
  for (const size of [10_000, big]) for (const t of [0.8, 0.5]) runs.push(['index', '--size', String(size), '--threshold', String(t)]);
  runs.push(['paragraphs'], ['story']);
  for (const realistic of [true, false]) for (const outlets of BIG_STORIES) runs.push(['bigstory', '--outlets', String(outlets), ...(realistic ? ['--realistic'] : [])]);
  runs.push(['folder'], ['pair']);
  // The feed: 100k articles in memory (2k quick); the stores that write per article on 20k (1k quick).
  runs.push(['feed', '--store', 'memory', '--size', String(quick ? 500 : 100_000)]);
  for (const store of ['lmdb', 'file', 'redis']) runs.push(['feed', '--store', store, '--size', String(quick ? 300 : 20_000)]);
  // --only sketch,index,story,folder,pair,feed runs a subset (a table row missing is left blank).
  const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1]!.split(',')) : null;
  if (only !== null) for (let i = runs.length - 1; i >= 0; i--) if (!only.has(runs[i]![0] === 'bigstory' ? 'story' : runs[i]![0]!)) runs.splice(i, 1);
  for (const [name, ...extra] of runs) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', self, '--phase', name!, ...extra, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    Object.assign(results, JSON.parse(out.trim().split('\n').pop()!) as Results);
  }
  const r = results;
  const bigLabel = quick ? '50k' : '1M';
  const ran = new Set(runs.map((x) => x[0]!));
  const lines = [
    `wiretrace benchmark (${quick ? 'quick' : 'full'}) — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    '',
  ];
  // Each phase's lines, printed only when it ran (`--only`).
  if (ran.has('sketch'))
    lines.push(
      `Sketching: raw text → 128-permutation signatures of word 5-shingles, ${r.sketchArticles} generated articles (~600 words, ${r.sketchMB} MB)`,
      `  wiretrace              ${String(r.sketchArticlesPerSec).padStart(8)} articles/s   ${r.sketchMBPerSec} MB/s`,
      `  minhash package        ${String(r.minhashPkgArticlesPerSec).padStart(8)} articles/s   (same shingles; sample)`,
      `  floor (tokenise only)  ${String(r.floorArticlesPerSec).padStart(8)} articles/s   ${r.floorMBPerSec} MB/s`,
      `  ours / minhash package = ${r.ratioVsMinhashPkg}×   floor / ours = ${r.ratioVsFloor}`,
      `  seed paragraphs repeated to ${r.seedMB} MB: ${r.seedParagraphsPerSec} paragraphs/s (minhash package ${r.seedMinhashPkgParagraphsPerSec}/s)`,
      `  Jaccard mean abs. error on ${r.jaccardPairs} overlapping paragraph pairs: wiretrace ${r.jaccardMaeOurs}, minhash package ${r.jaccardMaeMinhashPkg}`,
      `  one-permutation scheme (scheme: 'oph'): ${r.sketchOphArticlesPerSec} articles/s; Jaccard error on those paragraph pairs ${r.jaccardMaeOph}; on ${r.articlePairs} article pairs ${r.articleMaeOph} (k-permutation ${r.articleMaeOurs})`,
      '',
    );
  if (ran.has('paragraphs'))
    lines.push(
      `Paragraph sketching (issue #16's task): ${r.paraArticles} generated articles with outlet footers, ${r.paraCount} paragraphs, ${r.paraMB} MB; lower-case, word 5-shingles, 128 values`,
      '  implementation                          paragraphs/s   vs minhash package',
      `  minhash package (sample)                ${String(r.paraMinhashPkgPerSec).padStart(10)}   1×`,
      `  wiretrace, public API, kperm            ${String(r.paraApiKpermPerSec).padStart(10)}   ${round(Number(r.paraApiKpermPerSec) / Number(r.paraMinhashPkgPerSec), 1)}×`,
      `  wiretrace, public API, oph              ${String(r.paraApiOphPerSec).padStart(10)}   ${round(Number(r.paraApiOphPerSec) / Number(r.paraMinhashPkgPerSec), 1)}×`,
      `  wiretrace, sketchTexts, kperm           ${String(r.paraBatchKpermPerSec).padStart(10)}   ${round(Number(r.paraBatchKpermPerSec) / Number(r.paraMinhashPkgPerSec), 1)}×`,
      `  wiretrace, sketchTexts, oph             ${String(r.paraBatchOphPerSec).padStart(10)}   ${r.paraOphVsPkg}×`,
      `  tight reference loop, 128 permutations  ${String(r.paraTightKpermPerSec).padStart(10)}`,
      `  tight reference loop, one permutation   ${String(r.paraTightOphPerSec).padStart(10)}   (no densification)`,
      `  floor: lower-case + split only          ${String(r.paraFloorPerSec).padStart(10)}`,
      `  sketchTexts oph takes ${r.paraOphVsFloor}× the floor's time and ${r.paraOphVsTight}× the tight one-permutation loop's; kperm ${r.paraKpermVsTight}× the tight 128-permutation loop's`,
      `  Jaccard mean abs. error on ${r.paraJaccardPairs} overlapping paragraph pairs: kperm ${r.paraMaeKperm}, oph ${r.paraMaeOph}; LSH 32×4 insert all ${r.paraLshInsertSec} s, query all ${r.paraLshQuerySec} s; peak RSS ${r.paraPeakRssMb} MB`,
      '',
    );
  if (ran.has('index')) {
    lines.push(
      'LSH index of paragraphs (insert every one, query a sample of 5,000):',
      '  size   threshold  bands×rows  insert/s    query p50   query p95   heap bytes/paragraph',
    );
    for (const label of ['10k', bigLabel])
      for (const t of [0.8, 0.5]) {
        const k = `${label}@${t}`;
        lines.push(
          `  ${label.padEnd(6)} ${String(t).padEnd(10)} ${String(r[`bands_${k}`]).padEnd(11)} ${String(r[`insertPerSec_${k}`]).padEnd(11)} ${String(r[`queryP50Ms_${k}`]).padEnd(7)} ms  ${String(r[`queryP95Ms_${k}`]).padEnd(7)} ms  ${r[`bytesPerParagraph_${k}`]}`,
        );
      }
    lines.push('');
  }
  if (ran.has('story'))
    lines.push(
      `compareArticles, one story: ${[5, 10, 20, 50].map((o) => `${o} outlets ${r[`storyMs_${o}`]} ms`).join(', ')}`,
      ...(['storyRealistic', 'story'] as const).map(
        (name) =>
          `  big stories, ${name === 'story' ? 'outlets that reword more' : 'realistic outlets'} (one cold run each, in a process of its own; maxArticlesPerStory raised past 1,000): ${BIG_STORIES.map((o) => `${o} outlets ${r[`${name}Ms_${o}`]} ms (${round(Number(r[`${name}Ms_${o}`]) / o, 1)} ms per article, peak RSS ${r[`${name}RssMb_${o}`]} MB)`).join(', ')}`,
      ),
    );
  if (ran.has('folder'))
    lines.push(
      `wiretrace compare on a folder of ${r.folderArticles} articles: ${r.compareFolderSec} s, peak RSS ${r.peakRssMb} MB`,
      `  accuracy against the known answers: story ARI ${r.storyAri}, passage links P ${r.linkPrecision} R ${r.linkRecall}, added P ${r.addedPrecision} R ${r.addedRecall}, cut P ${r.cutPrecision} R ${r.cutRecall}`,
    );
  if (ran.has('pair'))
    lines.push(
      `Pair report, two articles of ~${r.pairWords} words: p50 ${r.pairReportP50Ms} ms, p95 ${r.pairReportP95Ms} ms`,
    );
  if (ran.has('feed'))
    lines.push(
      `Streaming index (wiretrace index add): ${['memory', 'lmdb', 'file', 'redis']
        .map((k) =>
          typeof r[`feed_${k}`] === 'string'
            ? `${k}: ${r[`feed_${k}`]}`
            : `${k} ${r[`feed_${k}_articles`]} articles at ${r[`feed_${k}_perSec`]}/s, ${r[`feed_${k}_heapKbPerArticle`]} KB heap per article, story ARI ${r[`feed_${k}_ari`]}`,
        )
        .join('; ')}`,
    );
  lines.push(
    '',
    `(${round((performance.now() - started) / 1000, 1)} s)`,
  );
  console.log(lines.join('\n'));
  if (args.includes('--json')) {
    console.log(
      JSON.stringify({
        ...r,
        queryP95Ms: r[`queryP95Ms_${bigLabel}@0.8`],
        bytesPerIndexedParagraph: r[`bytesPerParagraph_${bigLabel}@0.8`],
        compare10kSec: r.compareFolderSec,
      }),
    );
  }
}
