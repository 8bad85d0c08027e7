/**
 * `compareArticles`: the whole pipeline, one stage after another —
 * chrome → segments → passages (shingles) → stories (MinHash + LSH) → passage links → clusters
 * → wire text → per-outlet alignment (diffs) → report.
 */

import { detectCredits, type AgencyCredit } from '../chrome/attribution.js';
import { bodySpans, detectChrome, learnChrome, type ChromeSpan } from '../chrome/index.js';
import { clusterLinkedPassages, type RawCluster } from '../cluster/clusters.js';
import { defaultLinkOptions, linkPassages, type PassageLink } from '../cluster/links.js';
import { buildPassage, type Passage } from '../cluster/passages.js';
import { groupStories } from '../cluster/stories.js';
import { diffPassage, quotedSpans, type PassageDiff, type SourcedWord } from '../diff/index.js';
import { extractArticle } from '../extract/index.js';
import { checkInteger, checkNumber, checkOptions, messages } from '../errors.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import { segmentSentences, trimSpan, type Span } from '../segment/index.js';
import { shingleWords, toShingleSet, hashWords } from '../shingle/index.js';
import type {
  Article,
  Attribution,
  CompareOptions,
  DocumentReport,
  Report,
  ReportCluster,
  ReportSegment,
  ReportStory,
  Verdict,
} from '../types.js';
import { VERSION } from '../version.js';

/** Defaults of {@link CompareOptions}. */
export const defaultCompareOptions = Object.freeze({
  whollyDerived: 0.8,
  partiallyDerived: 0.2,
  creditedWireShare: 0.5,
  maxChars: 5_000_000,
  maxArticlesPerStory: 1000,
  maxSentencesPerDocument: 5000,
});

/** A sentence rather than a headline or subheading: ends like a sentence, or is long. */
function isSentence(text: string, p: Passage): boolean {
  return /[.!?]["'”’)]*$/u.test(text.slice(p.start, p.end)) || p.words.length >= 15;
}

/**
 * Consensus order of wire clusters across outlets, by merging sequences: the outlet carrying the
 * most wire clusters is the spine (a near-complete reprint keeps the wire's order best); every
 * other outlet's clusters are inserted after the nearest cluster that precedes them in that
 * outlet. An outlet's order is never contradicted for clusters only it carries, so "moved"
 * marks only real disagreements. Non-wire clusters follow in order of their first passage.
 */
function consensusOrder(raw: readonly RawCluster[], wire: readonly boolean[], passages: readonly Passage[]): number[] {
  const sequences = new Map<number, Array<{ k: number; at: number }>>();
  raw.forEach((c, k) => {
    if (!wire[k]) return;
    const firstIn = new Map<number, number>();
    for (const m of c.members) {
      const p = passages[m]!;
      firstIn.set(p.doc, Math.min(firstIn.get(p.doc) ?? Infinity, p.index));
    }
    for (const [d, at] of firstIn) {
      const list = sequences.get(d) ?? [];
      list.push({ k, at });
      sequences.set(d, list);
    }
  });
  const shared = (k: number): number => new Set(raw[k]!.members.map((m) => passages[m]!.doc)).size;
  const docs = [...sequences.entries()]
    .map(([d, list]) => ({
      d,
      list: list.sort((x, y) => x.at - y.at || shared(y.k) - shared(x.k) || raw[x.k]!.canonical - raw[y.k]!.canonical).map((e) => e.k),
    }))
    .sort((x, y) => y.list.length - x.list.length || x.d - y.d);
  const order: number[] = [];
  const placed = new Set<number>();
  for (const { list } of docs) {
    let cursor = order.length;
    const firstPlaced = list.find((k) => placed.has(k));
    if (firstPlaced !== undefined) cursor = order.indexOf(firstPlaced);
    for (const k of list) {
      if (placed.has(k)) {
        cursor = order.indexOf(k) + 1;
        continue;
      }
      order.splice(cursor, 0, k);
      placed.add(k);
      cursor++;
    }
  }
  const rest = raw.map((_, k) => k).filter((k) => !wire[k]);
  rest.sort((x, y) => raw[x]!.members[0]! - raw[y]!.members[0]!);
  return [...order, ...rest];
}

/** @internal An article prepared for comparison (chrome, passages, credits). */
export interface Doc {
  readonly index: number;
  readonly article: Article;
  readonly text: string;
  readonly chrome: ChromeSpan[];
  readonly passages: Passage[];
  readonly credits: AgencyCredit[];
  /** Passage words with quote and capital flags, for diffs (filled in once the input is known). */
  sourced: SourcedWord[][];
  /** Spans not analysed because a limit cut them. */
  readonly overLimit: Span[];
  /** Limits that cut this document. */
  readonly limits: Array<{ limit: string; value: number }>;
}

interface StoryCluster extends RawCluster {
  id: string;
  wire: boolean;
  basis: ReportCluster['basis'];
  position: number | null;
}

function validate(articles: readonly Article[], options: CompareOptions): void {
  if (!Array.isArray(articles)) throw new TypeError('articles must be an array of { id, text } objects.');
  checkOptions('options', options);
  checkNumber('whollyDerived', options.whollyDerived, 0, 1);
  checkNumber('partiallyDerived', options.partiallyDerived, 0, 1);
  checkNumber('creditedWireShare', options.creditedWireShare, 0, 1);
  checkInteger('maxChars', options.maxChars, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxArticlesPerStory', options.maxArticlesPerStory, 2, Number.MAX_SAFE_INTEGER);
  checkInteger('maxSentencesPerDocument', options.maxSentencesPerDocument, 1, Number.MAX_SAFE_INTEGER);
  if (options.reference !== undefined && typeof options.reference !== 'string')
    throw new TypeError(messages.notAString('reference', options.reference));
  const ids = new Set<string>();
  articles.forEach((a, i) => {
    if (typeof a !== 'object' || a === null) throw new TypeError(messages.badArticle(i, 'must be an object { id, text }'));
    if (typeof a.id !== 'string' || a.id.length === 0) throw new TypeError(messages.badArticle(i, 'needs a non-empty string id'));
    if (typeof a.text !== 'string') throw new TypeError(messages.badArticle(i, `(${JSON.stringify(a.id)}) needs a string text`));
    if (a.format !== undefined && a.format !== 'text' && a.format !== 'html')
      throw new TypeError(messages.badArticle(i, `(${JSON.stringify(a.id)}) format must be "text" or "html" (got ${JSON.stringify(a.format)})`));
    if (ids.has(a.id)) throw new TypeError(messages.duplicateId(a.id));
    ids.add(a.id);
  });
  if (options.reference !== undefined && !ids.has(options.reference)) throw new RangeError(messages.unknownReference(options.reference, [...ids]));
}

/** Index of the quotation holding offset `at`, or -1. */
function quoteIndex(spans: ReadonlyArray<[number, number]>, at: number): number {
  for (let i = 0; i < spans.length; i++) if (at >= spans[i]![0] && at < spans[i]![1]) return i;
  return -1;
}

/** @internal */
export function prepare(article: Article, index: number, learned: ReadonlySet<string>, options: CompareOptions): Doc {
  const full = article.text;
  // Limits cut what is analysed, never silently: the rest becomes `over-limit` segments.
  const maxChars = options.maxChars ?? defaultCompareOptions.maxChars;
  const maxSentences = options.maxSentencesPerDocument ?? defaultCompareOptions.maxSentencesPerDocument;
  const limits: Array<{ limit: string; value: number }> = [];
  let cutAt = full.length;
  if (full.length > maxChars) {
    cutAt = maxChars;
    const c = full.charCodeAt(cutAt - 1);
    if (c >= 0xd800 && c <= 0xdbff) cutAt--; // never split a surrogate pair
    limits.push({ limit: 'maxChars', value: maxChars });
  }
  const text = cutAt < full.length ? full.slice(0, cutAt) : full;
  const chrome = detectChrome(text, { ...options.chrome, learned });
  const body = bodySpans(text, chrome);
  let sentences = segmentSentences(text, body);
  const overLimit: Span[] = [];
  if (sentences.length > maxSentences) {
    overLimit.push(...sentences.slice(maxSentences).map((x) => ({ start: x.start, end: x.end })));
    sentences = sentences.slice(0, maxSentences);
    limits.push({ limit: 'maxSentencesPerDocument', value: maxSentences });
  }
  if (cutAt < full.length) {
    const rest = trimSpan(full, cutAt, full.length);
    if (rest !== null) overLimit.push(rest);
  }
  const passages = sentences.map((s, i) => buildPassage(text, index, i, s));
  return { index, article, text: full, chrome, passages, credits: detectCredits(text, chrome, body), sourced: [], overLimit, limits };
}

/**
 * Gives a document's words what diffs need: quotation membership, and whether a capitalised word
 * is a name (a capitalised first word is not, when the input also writes it in lower case).
 */
function attachSourced(doc: Doc, lowerSeen: ReadonlySet<string>): void {
  const text = doc.text;
  const quotes = quotedSpans(text);
  doc.sourced = doc.passages.map((p) =>
    p.words.map((w, k) => {
      const q = quoteIndex(quotes, w.start);
      return {
        norm: w.norm,
        match: w.match,
        start: w.start,
        end: w.end,
        source: text,
        quoted: q >= 0,
        quoteId: q,
        capitalised: UPPER_START.test(text[w.start]!) && !STOPWORDS.has(w.norm) && (k > 0 || !lowerSeen.has(w.norm)),
      };
    }),
  );
}

const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;

function learnedFor(articles: readonly Article[], options: CompareOptions): ReadonlySet<string>[] {
  const extra = options.chrome?.learned ?? new Set<string>();
  // Lines shared by three or more of the inputs that are short labels, not sentences.
  const acrossInput = articles.length >= 3 ? learnChrome(articles.map((a) => a.text), { minDocs: 3, maxWords: 4, maxSentenceWords: 0 }) : new Set<string>();
  const byOutlet = new Map<string, string[]>();
  for (const a of articles) if (a.outlet !== undefined) byOutlet.set(a.outlet, [...(byOutlet.get(a.outlet) ?? []), a.text]);
  const perOutlet = new Map<string, Set<string>>();
  for (const [outlet, texts] of byOutlet) if (texts.length >= 2) perOutlet.set(outlet, learnChrome(texts));
  return articles.map((a) => new Set([...extra, ...acrossInput, ...(a.outlet !== undefined ? (perOutlet.get(a.outlet) ?? []) : [])]));
}

/** @internal */
export function docTrigrams(doc: Doc): Uint32Array {
  // Document set: trigrams over the body's matching forms that hold a content word.
  const words = doc.passages.flatMap((p) => p.words.map((w) => w.match));
  const hashes = hashWords(words);
  const tri = shingleWords(hashes, { k: 3 });
  const content = words.map((w) => !STOPWORDS.has(w));
  const keep: number[] = [];
  for (let i = 0; i < tri.length; i++) if (content[i] || content[i + 1] || content[i + 2]) keep.push(tri[i]!);
  return toShingleSet(Uint32Array.from(keep));
}

/** @internal */
export function majorityAgency(docs: readonly Doc[]): string | null {
  const counts = new Map<string, number>();
  for (const d of docs) for (const a of new Set(d.credits.map((c) => c.agency))) counts.set(a, (counts.get(a) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [a, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) if (c > n) [best, n] = [a, c];
  return best;
}

/** Longest increasing subsequence (indices into `seq`), ties resolved towards the earliest. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Compares articles: groups them into stories, clusters the passages that derive from the same
 * wire text, reconstructs that text (or takes the `reference` article as the wire copy) and
 * reports what every outlet kept, reworded, added, cut and moved.
 *
 * @param input - Articles `{ id, text, format? }` (plain text, or HTML with `format: "html"`; ids unique).
 * @param options - See {@link CompareOptions}.
 * @returns The report (plain data; `JSON.stringify` gives the `wiretrace/report@1` JSON).
 * @throws TypeError or RangeError naming the bad article or option.
 * @example
 * ```ts
 * const report = compareArticles([
 *   { id: 'wire', text: wireText },
 *   { id: 'outlet', text: outletText },
 * ]);
 * report.documents[1].verdict; // 'partially-derived'
 * ```
 */
export function compareArticles(input: readonly Article[], options: CompareOptions = {}): Report {
  let articles = input;
  validate(input, options);
  // HTML pages become their extracted article text; everything after works on that text.
  const warnings = new Map<number, string[]>();
  articles = articles.map((a, i) => {
    if (a.format !== 'html') return a;
    const extracted = extractArticle(a.text);
    if (extracted.warning !== undefined) warnings.set(i, [extracted.warning]);
    return { ...a, text: extracted.text };
  });
  const whollyDerived = options.whollyDerived ?? defaultCompareOptions.whollyDerived;
  const partiallyDerived = options.partiallyDerived ?? defaultCompareOptions.partiallyDerived;
  const learned = learnedFor(articles, options);
  const docs = articles.map((a, i) => prepare(a, i, learned[i]!, options));
  // Lower-case words across the input decide whether a capitalised first word is a name.
  const lower = new Set<string>();
  for (const d of docs) for (const p of d.passages) for (const w of p.words) if (LOWER_START.test(d.text[w.start]!)) lower.add(w.norm);
  const referenceIndex = options.reference === undefined ? -1 : articles.findIndex((a) => a.id === options.reference);

  // Stories. With a reference, every article is measured against it: one story.
  const groups = referenceIndex >= 0 ? [docs.map((d) => d.index)] : groupStories(docs.map(docTrigrams), options.stories);

  const documents: DocumentReport[] = new Array(docs.length);
  const clusters: ReportCluster[] = [];
  const stories: ReportStory[] = [];
  let storyNo = 0;
  const maxPerStory = options.maxArticlesPerStory ?? defaultCompareOptions.maxArticlesPerStory;
  const limits: Report['limits'] = [];
  for (const d of docs)
    for (const l of d.limits)
      limits.push({ limit: l.limit, document: d.article.id, value: l.value, message: limitMessage(l.limit, l.value) });
  const split: number[][] = [];
  for (const group of groups) {
    // A story over the limit: its first articles are compared, the others stand alone, flagged.
    if (group.length <= maxPerStory) split.push(group);
    else {
      split.push(group.slice(0, maxPerStory));
      for (const i of group.slice(maxPerStory)) {
        split.push([i]);
        limits.push({ limit: 'maxArticlesPerStory', document: docs[i]!.article.id, value: maxPerStory, message: limitMessage('maxArticlesPerStory', maxPerStory) });
      }
    }
  }
  for (const group of split) {
    const storyDocs = group.map((i) => docs[i]!);
    // Diff words are built per story and released after it: a 10k-article folder never holds
    // them all at once.
    for (const d of storyDocs) attachSourced(d, lower);
    const storyId = group.length >= 2 ? `s${++storyNo}` : null;
    const agency = majorityAgency(storyDocs);
    const result = storyId === null ? null : analyseStory(storyId, storyDocs, agency, referenceIndex, options);
    if (storyId !== null && result !== null) {
      clusters.push(...result.reportClusters);
      stories.push({
        id: storyId,
        documents: storyDocs.map((d) => d.article.id),
        agency,
        reference: referenceIndex >= 0 ? articles[referenceIndex]!.id : null,
        wire: result.wireIds,
      });
    }
    for (const d of storyDocs) {
      const r = documentReport(d, storyId, agency ?? majorityAgency([d]), result, { whollyDerived, partiallyDerived });
      if (d.article.format === 'html') r.text = d.text;
      const w = [...(warnings.get(d.index) ?? []), ...limits.filter((l) => l.document === d.article.id).map((l) => l.message)];
      if (w.length > 0) r.warnings = w;
      documents[d.index] = r;
    }
    for (const d of storyDocs) d.sourced = [];
  }
  return { schema: 'wiretrace/report@1', generator: `wiretrace ${VERSION}`, documents, clusters, stories, limits };
}

function limitMessage(limit: string, value: number): string {
  switch (limit) {
    case 'maxChars':
      return `only the first ${value} characters were analysed (maxChars); the rest is marked over-limit`;
    case 'maxSentencesPerDocument':
      return `only the first ${value} sentences were aligned (maxSentencesPerDocument); the rest are marked over-limit`;
    default:
      return `not compared with its story, which has more than ${value} articles (maxArticlesPerStory)`;
  }
}

interface StoryResult {
  passages: Passage[];
  /** Global passage index of each (doc, passage) pair: `offsets[docIndexInStory] + passage.index`. */
  passageIndex: Map<Doc, number>;
  clusters: StoryCluster[];
  /** Cluster indices per global passage. */
  memberOf: number[][];
  diffs: Map<number, PassageDiff>;
  wireIds: string[];
  reportClusters: ReportCluster[];
  docOf: Doc[];
}

function analyseStory(storyId: string, storyDocs: readonly Doc[], agency: string | null, referenceIndex: number, options: CompareOptions): StoryResult {
  const creditedWireShare = options.creditedWireShare ?? defaultCompareOptions.creditedWireShare;
  const passages: Passage[] = [];
  const docOf: Doc[] = [];
  const passageIndex = new Map<Doc, number>();
  for (const d of storyDocs) {
    passageIndex.set(d, passages.length);
    for (const p of d.passages) {
      passages.push(p);
      docOf.push(d);
    }
  }
  const links = linkPassages(passages, { ...defaultLinkOptions, ...options.links });
  const sourcedOf = (g: number): SourcedWord[] => docOf[g]!.sourced[passages[g]!.index]!;
  const attributed = (g: number): boolean =>
    agency !== null &&
    docOf[g]!.credits.some((c) => c.kind === 'in-text' && c.agency === agency && c.start >= passages[g]!.start && c.end <= passages[g]!.end);

  let raw: RawCluster[];
  const basis: Array<ReportCluster['basis']> = [];
  if (referenceIndex >= 0) {
    raw = referenceClusters(passages, links, referenceIndex);
    for (const c of raw) basis.push(passages[c.canonical]!.doc === referenceIndex ? 'reference' : null);
  } else {
    raw = clusterLinkedPassages(passages, links);
    for (const c of raw) {
      const docsIn = new Set(c.members.map((m) => passages[m]!.doc));
      basis.push(docsIn.size >= 2 ? 'shared' : c.members.some(attributed) ? 'credited' : null);
    }
    // Wire copy no other outlet kept: a passage that credits the agency in-text, or a sentence
    // of an outlet that credits the agency and carries mostly shared wire text (a reprint).
    const clustered = new Set(raw.flatMap((c) => c.members));
    const shared = new Set(raw.filter((_, k) => basis[k] === 'shared').flatMap((c) => c.members));
    const reprint = new Set(
      storyDocs
        .filter((d) => agency !== null && d.credits.some((c) => c.agency === agency))
        .filter((d) => {
          const base = passageIndex.get(d)!;
          const n = d.passages.filter((p) => shared.has(base + p.index)).length;
          return d.passages.length > 0 && n / d.passages.length >= creditedWireShare;
        })
        .map((d) => d.index),
    );
    passages.forEach((p, g) => {
      if (clustered.has(g)) return;
      if (attributed(g) || (reprint.has(p.doc) && isSentence(docOf[g]!.text, p))) {
        raw.push({ members: [g], canonical: g });
        basis.push('credited');
      }
    });
  }
  const wireFlags = basis.map((b) => b !== null);
  // A cluster inside one outlet that is not wire copy (a subheading and its paragraph) says nothing.
  const keepCluster = raw.map((c, k) => wireFlags[k] || new Set(c.members.map((m) => passages[m]!.doc)).size >= 2);
  raw = raw.filter((_, k) => keepCluster[k]);
  const keptBasis = basis.filter((_, k) => keepCluster[k]);
  const keptWire = wireFlags.filter((_, k) => keepCluster[k]);

  // Wire order: the reference's order, or the consensus of the outlets' orders.
  const order = referenceIndex >= 0 ? raw.map((_, k) => k).sort((x, y) => (keptWire[y]! ? 1 : 0) - (keptWire[x]! ? 1 : 0) || passages[raw[x]!.canonical]!.index - passages[raw[y]!.canonical]!.index || x - y) : consensusOrder(raw, keptWire, passages);
  const clusters: StoryCluster[] = [];
  let w = 0;
  let x = 0;
  for (const k of order) {
    const wire = keptWire[k]!;
    clusters.push({ ...raw[k]!, wire, basis: keptBasis[k]!, position: wire ? w : null, id: wire ? `${storyId}.w${++w}` : `${storyId}.x${++x}` });
  }
  const memberOf: number[][] = passages.map(() => []);
  clusters.forEach((c, k) => {
    for (const m of c.members) memberOf[m]!.push(k);
  });

  // Diffs of every wire member against its canonical text(s).
  const diffs = new Map<number, PassageDiff>();
  passages.forEach((p, g) => {
    const wireClusters = memberOf[g]!.filter((k) => clusters[k]!.wire);
    if (wireClusters.length === 0) return;
    if (wireClusters.some((k) => clusters[k]!.canonical === g)) {
      diffs.set(g, { verbatim: true, similarity: 1, kept: 1, parts: [], changes: [] });
      return;
    }
    const mine = sourcedOf(g);
    // Merged wire sentences are compared in the order the outlet uses them.
    const canon = wireClusters
      .map((k) => {
        const words = sourcedOf(clusters[k]!.canonical);
        const first = firstSharedPosition(words, mine);
        return { k, words, first };
      })
      .sort((a, b) => a.first - b.first || clusters[a.k]!.position! - clusters[b.k]!.position!);
    diffs.set(g, diffPassage(canon.flatMap((c) => c.words), mine, { passageStart: p.start, passageEnd: p.end }));
  });

  const reportClusters: ReportCluster[] = clusters.map((c) => {
    const cp = passages[c.canonical]!;
    const cd = docOf[c.canonical]!;
    return {
      id: c.id,
      story: storyId,
      wire: c.wire,
      basis: c.basis,
      attestedBy: new Set(c.members.map((m) => passages[m]!.doc)).size,
      position: c.position,
      canonical: { document: cd.article.id, start: cp.start, end: cp.end, text: cd.text.slice(cp.start, cp.end) },
      members: c.members.map((m) => ({
        document: docOf[m]!.article.id,
        start: passages[m]!.start,
        end: passages[m]!.end,
        similarity: m === c.canonical ? 1 : (diffs.get(m)?.similarity ?? memberSimilarity(sourcedOf(c.canonical), sourcedOf(m))),
      })),
    };
  });
  return {
    passages,
    passageIndex,
    clusters,
    memberOf,
    diffs,
    wireIds: clusters.filter((c) => c.wire).map((c) => c.id),
    reportClusters,
    docOf,
  };
}

function memberSimilarity(a: readonly SourcedWord[], b: readonly SourcedWord[]): number {
  return diffPassage(a, b).similarity;
}

function firstSharedPosition(canonical: readonly SourcedWord[], passage: readonly SourcedWord[]): number {
  const words = new Set(canonical.filter((w) => !STOPWORDS.has(w.norm)).map((w) => w.norm));
  const i = passage.findIndex((w) => words.has(w.norm));
  return i < 0 ? Infinity : i;
}

/** Clusters against a reference: each of its passages is a wire cluster and its own canonical text. */
function referenceClusters(passages: readonly Passage[], links: readonly PassageLink[], referenceIndex: number): RawCluster[] {
  const refMembers = new Map<number, number[]>();
  passages.forEach((p, g) => {
    if (p.doc === referenceIndex) refMembers.set(g, [g]);
  });
  const taken = new Set<number>(refMembers.keys());
  for (const l of links) {
    const [r, o] = passages[l.a]!.doc === referenceIndex ? [l.a, l.b] : [l.b, l.a];
    if (passages[r]!.doc !== referenceIndex || passages[o]!.doc === referenceIndex) continue;
    refMembers.get(r)!.push(o);
    taken.add(o);
  }
  const out: RawCluster[] = [...refMembers].map(([canonical, members]) => ({ canonical, members: members.sort((a, b) => a - b) }));
  // Passages the reference lacks but several outlets share: non-wire clusters.
  const rest = links.filter((l) => !taken.has(l.a) && !taken.has(l.b));
  out.push(...clusterLinkedPassages(passages, rest));
  return out;
}

function documentReport(
  doc: Doc,
  storyId: string | null,
  agency: string | null,
  story: StoryResult | null,
  thresholds: { whollyDerived: number; partiallyDerived: number },
): DocumentReport {
  const segments: ReportSegment[] = doc.chrome.map((c) => ({ start: c.start, end: c.end, kind: 'boilerplate', clusters: [], reason: c.reason }));
  for (const o of doc.overLimit) segments.push({ start: o.start, end: o.end, kind: 'boilerplate', clusters: [], reason: 'over-limit' });
  const carried = new Map<number, number>(); // cluster index → first passage index in this doc
  const base = story?.passageIndex.get(doc) ?? 0;
  for (const p of doc.passages) {
    const g = base + p.index;
    const ks = story?.memberOf[g] ?? [];
    const ids = ks.map((k) => story!.clusters[k]!.id);
    const wire = ks.filter((k) => story!.clusters[k]!.wire);
    for (const k of wire) if (!carried.has(k)) carried.set(k, p.index);
    const diff = story?.diffs.get(g);
    if (wire.length === 0 || diff === undefined) {
      segments.push({ start: p.start, end: p.end, kind: 'added', clusters: ids });
    } else if (diff.verbatim) {
      segments.push({ start: p.start, end: p.end, kind: 'verbatim', clusters: ids, similarity: diff.similarity });
    } else {
      segments.push({
        start: p.start,
        end: p.end,
        kind: 'reworded',
        clusters: ids,
        similarity: diff.similarity,
        changes: diff.changes.map((c) => ({ ...c })),
        diff: diff.parts.map((x) => ({ ...x })),
      });
    }
  }
  segments.sort((a, b) => a.start - b.start || a.end - b.end);

  const wireClusters = story === null ? [] : story.clusters.map((c, k) => ({ c, k })).filter(({ c }) => c.wire);
  const cut = wireClusters.filter(({ k }) => !carried.has(k)).map(({ c }) => c.id);
  const carriedList = [...carried].sort((a, b) => a[1] - b[1] || story!.clusters[a[0]]!.position! - story!.clusters[b[0]]!.position!);
  const keep = longestIncreasing(carriedList.map(([k]) => story!.clusters[k]!.position!));
  const moved = carriedList
    .filter((_, i) => !keep.has(i))
    .map(([k]) => story!.clusters[k]!)
    .sort((a, b) => a.position! - b.position!)
    .map((c) => c.id);

  let body = 0;
  let derived = 0;
  for (const s of segments) {
    if (s.kind === 'boilerplate') continue;
    body += s.end - s.start;
    if (s.kind !== 'added') derived += s.end - s.start;
  }
  const derivedShare = body === 0 ? 0 : round(derived / body);
  const verdict: Verdict =
    derived > 0 && derivedShare >= thresholds.whollyDerived ? 'wholly-derived' : derived > 0 && derivedShare >= thresholds.partiallyDerived ? 'partially-derived' : 'non-derived';
  const attribution: Attribution[] = doc.credits.map((c) => ({ agency: c.agency, start: c.start, end: c.end, kind: c.kind }));
  const credited = agency !== null && doc.credits.some((c) => c.agency === agency);
  const count = (k: ReportSegment['kind']): number => segments.filter((s) => s.kind === k).length;
  const a = doc.article;
  return {
    id: a.id,
    story: storyId,
    verdict,
    derivedShare,
    coverage: wireClusters.length === 0 ? 0 : round(carried.size / wireClusters.length),
    credited,
    uncreditedReuse: verdict !== 'non-derived' && !credited,
    attribution,
    ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
    segments,
    cut,
    moved,
    counts: {
      verbatim: count('verbatim'),
      reworded: count('reworded'),
      added: count('added'),
      boilerplate: count('boilerplate'),
      cut: cut.length,
      moved: moved.length,
      alteredQuotes: segments.filter((s) => s.changes?.some((c) => c.type === 'quote')).length,
    },
  };
}
