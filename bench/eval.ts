/**
 * `npm run eval -- DIR`: wiretrace on real, third-party corpora, beside a word 3-gram
 * containment baseline measured in the same run. The corpora are research material and never
 * committed; DIR holds them as their public repositories give them (see the README's
 * "Evaluation" section):
 *
 *   DIR/meter-corpus/{PA,newspapers}/rawtexts/{courts,showbiz}/DATE/CATCHLINE/*.txt   (METER)
 *   DIR/corpus-20090418/*.txt and DIR/corpus-final09.csv                             (Clough & Stevenson 2011)
 *   DIR/MSRP_Corpus/msr_paraphrase_{train,test}.txt                                  (MSRP)
 *
 * Every threshold tuned here (the baseline's, and the 4-class cut points on wiretrace's derived
 * share) is tuned on one half and reported on the other half. wiretrace's own verdicts and links
 * use its defaults.
 */

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareArticles, type Article, type Report } from '../src/index.js';
import { generateCorpus } from '../tests/fixtures/corpus.js';
import { adjustedRandIndex, scoreReport } from '../tests/fixtures/score.js';

// ── The baseline: word 3-gram containment ──────────────────────────────────────────────────

/** Word trigrams of a text (lower case, letters and digits), as a set of strings. */
function trigrams(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Share of `a`'s trigrams found in `b`. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n / a.size;
}

/** The threshold in `candidates` that maximises `score` on the tuning half. */
function tune(candidates: readonly number[], score: (t: number) => number): number {
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const t of candidates) {
    const s = score(t);
    if (s > bestScore) [best, bestScore] = [t, s];
  }
  return best;
}

const GRID = Array.from({ length: 100 }, (_, i) => i / 100);

// ── Story grouping (METER) ─────────────────────────────────────────────────────────────────

interface Labelled {
  article: Article;
  /** The text's own date / catchline folder. */
  gold: string;
  /** Every date / catchline folder that holds this text byte for byte (its own among them). */
  catchlines: readonly string[];
}

/**
 * Pairwise precision and recall of a clustering against gold labels: a pair is one gold story
 * when the two share a label (a text can carry several).
 */
function pairwise(pred: readonly string[], gold: ReadonlyArray<string | readonly string[]>): { p: number; r: number; f: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < pred.length; i++)
    for (let j = 0; j < i; j++) {
      const same = pred[i] === pred[j];
      const a = gold[i]!;
      const b = gold[j]!;
      const truth = typeof a === 'string' || typeof b === 'string' ? a === b : a.some((l) => b.includes(l));
      if (same && truth) tp++;
      else if (same) fp++;
      else if (truth) fn++;
    }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Connected components of the pairs whose trigram containment (either way) reaches `t`. */
function baselineStories(sets: readonly Set<string>[], pairs: ReadonlyArray<[number, number, number]>, t: number): string[] {
  const parent = sets.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [i, j, c] of pairs) if (c >= t) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
  return sets.map((_, i) => String(find(i)));
}

/** Every pair sharing a trigram, with its containment (the larger of the two directions). */
function containmentPairs(sets: readonly Set<string>[]): Array<[number, number, number]> {
  const postings = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const t of s) {
      const list = postings.get(t);
      if (list === undefined) postings.set(t, [i]);
      else list.push(i);
    }
  });
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length > 200) continue; // a trigram in hundreds of texts is a stock phrase, for the baseline too
    for (let a = 0; a < list.length; a++)
      for (let b = 0; b < a; b++) {
        const key = list[a]! * 100_000 + list[b]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const out: Array<[number, number, number]> = [];
  for (const [key, n] of shared) {
    const i = Math.floor(key / 100_000);
    const j = key % 100_000;
    const c = n / Math.max(1, Math.min(sets[i]!.size, sets[j]!.size));
    out.push([i, j, c]);
  }
  return out;
}

/** PA copy in its wire layout turned into plain paragraphs: what a feed gives as text. */
function cleanPa(raw: string): string {
  const lines = raw.split(/\r?\n/).filter((l) => !/^\s*-{10,}\s*$/.test(l) && !/^\s*\d\d:\d\d \d\d\/\d\d\/\d\d: Page \d+/.test(l));
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t.length === 0) continue;
    const ends = t.endsWith('<');
    current.push(ends ? t.slice(0, -1).trim() : t);
    if (ends) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs
    .filter((p) => p.length > 0)
    .join('\n\n')
    .replace(/``|''/g, '"');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (name.endsWith('.txt')) out.push(p);
  }
  return out;
}

/** METER's folder date (dd.mm.yy) as an ISO date. */
function folderDate(d: string): string {
  const [dd, mm, yy] = d.split('.');
  return `${Number(yy) > 50 ? '19' : '20'}${yy}-${mm}-${dd}T12:00:00Z`;
}

function meter(root: string, domain: string, pa: 'cleaned' | 'raw', dated: boolean): Labelled[] {
  const out: Labelled[] = [];
  for (const source of ['PA', 'newspapers']) {
    const base = join(root, source, 'rawtexts', domain);
    for (const file of filesUnder(base)) {
      const rel = file.slice(base.length + 1).split('/');
      const gold = `${rel[0]}/${rel[1]}`; // date / catchline
      const raw = readFileSync(file, 'latin1');
      const text = source === 'PA' && pa === 'cleaned' ? cleanPa(raw) : raw;
      if (text.trim().length === 0) continue;
      out.push({ article: { id: `${source}/${rel.join('/')}`, text, ...(dated ? { publishedAt: folderDate(rel[0]!) } : {}) }, gold, catchlines: [gold] });
    }
  }
  // METER files some PA texts, byte for byte, under two catchlines of one day (bbc and
  // bbcstreet, street and bbcstreet: the PA copy a paper's two-story piece drew on). Such a text
  // belongs to each of its catchlines; the papers filed under one of them do not thereby belong
  // to the other (the Sun's BBC schedule piece is not the Star's Coronation Street piece).
  const byText = new Map<string, string[]>();
  for (const x of out) {
    const k = x.article.text.trim();
    const seen = byText.get(k);
    if (seen === undefined) byText.set(k, [x.gold]);
    else if (!seen.includes(x.gold)) seen.push(x.gold);
  }
  for (const x of out) x.catchlines = [...byText.get(x.article.text.trim())!].sort();
  return out;
}

/** Each article's story, in the order of `ids` (the report lists documents by id, not input order). */
function storyLabels(report: Report, ids: readonly string[]): string[] {
  const byId = new Map(report.documents.map((d) => [d.id, d.story ?? `alone:${d.id}`]));
  return ids.map((id) => byId.get(id)!);
}

function evaluateStories(items: readonly Labelled[]): Row[] {
  // Halves by date folder, alternating: the baseline's threshold is tuned on one, both are
  // reported on the other.
  const dates = [...new Set(items.map((x) => x.gold.split('/')[0]!))].sort();
  const half = (x: Labelled): number => dates.indexOf(x.gold.split('/')[0]!) % 2;
  const tuneOn = items.filter((x) => half(x) === 0);
  const testOn = items.filter((x) => half(x) === 1);
  const tuneSets = tuneOn.map((x) => trigrams(x.article.text));
  const tunePairs = containmentPairs(tuneSets);
  const t = tune(GRID, (th) => pairwise(baselineStories(tuneSets, tunePairs, th), tuneOn.map((x) => x.catchlines)).f);
  const testSets = testOn.map((x) => trigrams(x.article.text));
  const base = pairwise(baselineStories(testSets, containmentPairs(testSets), t), testOn.map((x) => x.catchlines));
  const report = compareArticles(testOn.map((x) => x.article));
  const ours = pairwise(storyLabels(report, testOn.map((x) => x.article.id)), testOn.map((x) => x.catchlines));
  const biggest = Math.max(...report.stories.map((s) => s.documents.length));
  return [
    { measure: 'pairwise precision', wiretrace: ours.p, baseline: base.p },
    { measure: 'pairwise recall', wiretrace: ours.r, baseline: base.r },
    { measure: `largest story (texts; gold ${Math.max(...counts(testOn.map((x) => x.gold)))})`, wiretrace: biggest, baseline: Math.max(...counts(baselineStories(testSets, containmentPairs(testSets), t))) },
    { measure: `texts (${testOn.length}); baseline threshold ${t}`, wiretrace: NaN, baseline: NaN },
  ];
}

function counts(labels: readonly string[]): number[] {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return [...m.values()];
}

// ── Verdicts (Clough & Stevenson 2011) ─────────────────────────────────────────────────────

/**
 * The 4-class score: the derived share with each reworded passage counted by its similarity to
 * the wire (a near copy keeps it near 1, a light revision lower, a heavy one lower still).
 */
function weightedShare(d: Report['documents'][number]): number {
  let body = 0;
  let derived = 0;
  for (const s of d.segments) {
    if (s.kind === 'boilerplate') continue;
    const n = s.end - s.start;
    body += n;
    if (s.kind === 'verbatim') derived += n;
    else if (s.kind === 'reworded') derived += n * (s.similarity ?? 0);
  }
  return body === 0 ? 0 : derived / body;
}

const CLASSES = ['cut', 'light', 'heavy', 'non'] as const;
type Cls = (typeof CLASSES)[number];

/** Class from a score by three descending cut points. */
function classOf(score: number, cuts: readonly [number, number, number]): Cls {
  return score >= cuts[0] ? 'cut' : score >= cuts[1] ? 'light' : score >= cuts[2] ? 'heavy' : 'non';
}

function tuneCuts(scores: readonly number[], gold: readonly Cls[]): [number, number, number] {
  let best: [number, number, number] = [1, 1, 1];
  let bestAcc = -1;
  const grid = Array.from({ length: 51 }, (_, i) => i / 50);
  for (const a of grid)
    for (const b of grid) {
      if (b > a) break;
      for (const c of grid) {
        if (c > b) break;
        const acc = scores.filter((s, i) => classOf(s, [a, b, c]) === gold[i]).length;
        if (acc > bestAcc) [best, bestAcc] = [[a, b, c], acc];
      }
    }
  return best;
}

function cloughStevenson(dir: string, exclude: ReadonlySet<string>): Row[] {
  const labels = readFileSync(join(dir, 'corpus-final09.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[0]?.endsWith('.txt') === true)
    .map((c) => ({ file: c[0]!, group: Number(c[1]), task: c[3]!, gold: c[4] as Cls }))
    .filter((x) => !exclude.has(x.file));
  const text = (f: string): string => readFileSync(join(dir, 'corpus-20090418', f), 'latin1');
  // wiretrace: each task's answers in one folder with the Wikipedia source as the reference.
  const share = new Map<string, number>();
  const derived = new Map<string, boolean>();
  const alone = new Map<string, string>();
  for (const task of 'abcde') {
    const answers = labels.filter((x) => x.task === task);
    const orig = { id: `orig_task${task}`, text: text(`orig_task${task}.txt`) };
    const report = compareArticles([orig, ...answers.map((x) => ({ id: x.file, text: text(x.file) }))], { reference: orig.id });
    for (const d of report.documents.filter((d) => d.id !== orig.id)) {
      share.set(d.id, weightedShare(d));
      derived.set(d.id, d.verdict !== 'non-derived');
    }
    for (const x of answers) {
      const r = compareArticles([orig, { id: x.file, text: text(x.file) }], { reference: orig.id });
      alone.set(x.file, r.documents.find((d) => d.id === x.file)!.verdict ?? 'reference');
    }
  }
  const base = new Map(labels.map((x) => [x.file, containment(trigrams(text(x.file)), trigrams(text(`orig_task${x.task}.txt`)))]));
  // Halves: even and odd groups of participants.
  const tuneOn = labels.filter((x) => x.group % 2 === 0);
  const testOn = labels.filter((x) => x.group % 2 === 1);
  const binTune = tune(GRID, (t) => tuneOn.filter((x) => base.get(x.file)! >= t === (x.gold !== 'non')).length);
  const acc = (items: typeof labels, f: (x: (typeof labels)[number]) => boolean): number => items.filter(f).length / items.length;
  const oursCuts = tuneCuts(tuneOn.map((x) => share.get(x.file)!), tuneOn.map((x) => x.gold));
  const baseCuts = tuneCuts(tuneOn.map((x) => base.get(x.file)!), tuneOn.map((x) => x.gold));
  const changedAlone = labels.filter((x) => (alone.get(x.file) !== 'non-derived') !== derived.get(x.file)).length;
  return [
    { measure: 'derived vs not, all answers (wiretrace: default thresholds)', wiretrace: acc(labels, (x) => derived.get(x.file)! === (x.gold !== 'non')), baseline: NaN },
    { measure: `derived vs not, test half (baseline threshold ${binTune} tuned on the other)`, wiretrace: acc(testOn, (x) => derived.get(x.file)! === (x.gold !== 'non')), baseline: acc(testOn, (x) => base.get(x.file)! >= binTune === (x.gold !== 'non')) },
    { measure: `4 classes, test half (cut points on the similarity-weighted derived share tuned on the other: ours ${oursCuts.join('/')}, baseline ${baseCuts.join('/')})`, wiretrace: acc(testOn, (x) => classOf(share.get(x.file)!, oursCuts) === x.gold), baseline: acc(testOn, (x) => classOf(base.get(x.file)!, baseCuts) === x.gold) },
    { measure: 'verdicts that change when an answer is compared alone', wiretrace: changedAlone, baseline: 0 },
    { measure: `answers (${labels.length}; excluded: ${[...exclude].join(', ') || 'none'})`, wiretrace: NaN, baseline: NaN },
  ];
}

// ── Links (MSRP) ───────────────────────────────────────────────────────────────────────────

function msrp(dir: string): Row[] {
  const read = (f: string): Array<{ paraphrase: boolean; a: string; b: string }> =>
    readFileSync(join(dir, f), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((c) => c.length >= 5)
      .map((c) => ({ paraphrase: c[0]!.replace(/^\uFEFF/, '') === '1', a: c[3]!, b: c[4]! }));
  const train = read('msr_paraphrase_train.txt');
  const test = read('msr_paraphrase_test.txt');
  const score = (p: { a: string; b: string }): number => {
    const x = trigrams(p.a);
    const y = trigrams(p.b);
    return Math.max(containment(x, y), containment(y, x));
  };
  const t = tune(GRID, (th) => train.filter((p) => score(p) >= th === p.paraphrase).length);
  const linked = (p: { a: string; b: string }): boolean => {
    const r = compareArticles([{ id: 'a', text: p.a }, { id: 'b', text: p.b }], { reference: 'a' });
    return r.documents.find((d) => d.id === 'b')!.segments.some((s) => s.kind === 'verbatim' || s.kind === 'reworded');
  };
  const ours = test.map(linked);
  const rate = (want: boolean, f: (p: (typeof test)[number], i: number) => boolean): number => {
    const idx = test.map((p, i) => ({ p, i })).filter(({ p }) => p.paraphrase === want);
    return idx.filter(({ p, i }) => f(p, i)).length / idx.length;
  };
  // The baseline on its own curve at wiretrace's paraphrase rate: the highest threshold that
  // links at least as many paraphrase pairs as wiretrace does.
  const oursPositive = rate(true, (_, i) => ours[i]!);
  const positives = test.filter((p) => p.paraphrase).map(score).sort((x, y) => y - x);
  const matched = positives[Math.max(0, Math.ceil(oursPositive * positives.length) - 1)]!;
  return [
    { measure: 'paraphrase pairs linked', wiretrace: oursPositive, baseline: rate(true, (p) => score(p) >= t) },
    { measure: 'non-paraphrase pairs linked', wiretrace: rate(false, (_, i) => ours[i]!), baseline: rate(false, (p) => score(p) >= t) },
    { measure: `non-paraphrase pairs linked, baseline at wiretrace's paraphrase rate (threshold ${fmt(matched)})`, wiretrace: rate(false, (_, i) => ours[i]!), baseline: rate(false, (p) => score(p) >= matched) },
    { measure: `pairs (test ${test.length}; baseline threshold ${t} tuned on train)`, wiretrace: NaN, baseline: NaN },
  ];
}

// ── The generated corpus ───────────────────────────────────────────────────────────────────

function generated(realistic: boolean): Row[] {
  const gen = generateCorpus({ stories: 20, outletsPerStory: 9, unrelated: 60, sentencesPerStory: 30, seed: 7, realistic });
  const report = compareArticles(gen.map((a) => ({ id: a.id, text: a.text, outlet: a.outlet })));
  const s = scoreReport(report, gen);
  const sets = gen.map((a) => trigrams(a.text));
  const pairs = containmentPairs(sets);
  const gold = gen.map((a) => a.story ?? a.id);
  const t = tune(GRID, (th) => pairwise(baselineStories(sets, pairs, th), gold).f);
  return [
    { measure: `story ARI (baseline threshold ${t}, tuned on this corpus)`, wiretrace: s.storyAri, baseline: adjustedRandIndex(baselineStories(sets, pairs, t), gold) },
    { measure: 'link precision', wiretrace: s.linkPrecision, baseline: NaN },
    { measure: 'link recall', wiretrace: s.linkRecall, baseline: NaN },
    { measure: 'added precision', wiretrace: s.addedPrecision, baseline: NaN },
    { measure: 'added recall', wiretrace: s.addedRecall, baseline: NaN },
    { measure: 'cut precision', wiretrace: s.cutPrecision, baseline: NaN },
    { measure: 'cut recall', wiretrace: s.cutRecall, baseline: NaN },
  ];
}

// ── Driver ─────────────────────────────────────────────────────────────────────────────────

interface Row {
  measure: string;
  wiretrace: number;
  baseline: number;
}

function fmt(x: number): string {
  return Number.isNaN(x) ? '' : Number.isInteger(x) ? String(x) : x.toFixed(3);
}

function print(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log(`| measure | wiretrace | 3-gram baseline |\n| --- | ---: | ---: |`);
  for (const r of rows) console.log(`| ${r.measure} | ${fmt(r.wiretrace)} | ${fmt(r.baseline)} |`);
}

function find(root: string, name: string): string | null {
  for (const p of [join(root, name), join(root, '2016.3-meter-corpus', name), join(root, 'cs', name)]) if (existsSync(p)) return p;
  return null;
}

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const root = args.find((a) => !a.startsWith('--'));
if (root === undefined) {
  console.error('usage: npm run eval -- DIR [--only=meter,cs,msrp,generated]   (see the README, "Evaluation")');
  process.exit(2);
}
const want = (k: string): boolean => only === undefined || only.includes(k);
const started = performance.now();
if (want('meter')) {
  const m = find(root, 'meter-corpus');
  if (m === null) console.log(`\nMETER: not found under ${root} (meter-corpus/)`);
  else
    for (const domain of ['courts', 'showbiz'])
      for (const pa of ['cleaned', 'raw'] as const)
        for (const dated of [true, false])
          print(`METER ${domain}, PA copy ${pa}, ${dated ? 'with' : 'without'} publication dates: story grouping, test half (alternate dates)`, evaluateStories(meter(m, domain, pa, dated)));
}
if (want('cs')) {
  const c = find(root, 'corpus-20090418');
  if (c === null) console.log(`\nClough & Stevenson: not found under ${root} (corpus-20090418/, corpus-final09.csv)`);
  else {
    const dir = join(c, '..');
    // Two "cut" answers share no trigram with their task's source (they were pasted from elsewhere); excluded, and named.
    print('Clough & Stevenson 2011: verdicts against the Wikipedia source', cloughStevenson(dir, new Set(['g2pE_taskc.txt', 'g4pD_taskb.txt'].filter((f) => existsSync(join(c, f))))));
  }
}
if (want('msrp')) {
  const d = find(root, 'MSRP_Corpus');
  if (d === null) console.log(`\nMSRP: not found under ${root} (MSRP_Corpus/)`);
  else print('MSRP: sentence pairs, test split', msrp(d));
}
if (want('generated')) {
  print('Generated corpus (20 stories × 10 copies, 60 unrelated)', generated(false));
  print('Generated corpus, realistic: bylines, sign-offs and house lines across stories, template sentences, briefs, a second agency', generated(true));
}
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
