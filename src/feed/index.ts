/**
 * The streaming wire index: articles arrive one at a time (a pipeline worker's feed) and each is
 * told at once which story it joins, which earlier articles' passages it carries, its derivation
 * verdict and whether it credits the agency. Several workers can share one index through a store
 * that locks across processes (Redis); one process can keep it on disk (`FileWireStore`).
 *
 * Story assignment is order-independent: an article that verifies against articles of several
 * stories merges them, so the stories are the connected components of verified article pairs,
 * whatever order the feed arrives in (and however many workers share it).
 */

import { extractArticle } from '../extract/index.js';
import { checkInteger, checkNumber, checkOptions, messages } from '../errors.js';
import { clusterLinkedPassages } from '../cluster/clusters.js';
import { linkPassages } from '../cluster/links.js';
import { defaultStoryOptions, type StoryOptions } from '../cluster/stories.js';
import { containment, intersectionSize } from '../lsh/sets.js';
import { computeMinHash } from '../minhash/index.js';
import { murmur3Ints } from '../shingle/hash.js';
import { optimalBands } from '../lsh/params.js';
import { compareArticles, defaultCompareOptions, docTrigrams, majorityAgency, prepare, type Doc } from '../report/compare.js';
import type { Article, Attribution, Report, Verdict } from '../types.js';
import { MemoryWireStore, type StoredArticle, type WireStore } from './store.js';

export { FileWireStore, FILE_STORE_FORMAT } from './file-store.js';
export { openRedisWireStore, REDIS_STORE_FORMAT } from './redis-store.js';
export type { RedisStoreOptions } from './redis-store.js';
export { MemoryWireStore, Mutex } from './store.js';
export type { StoreStats, StoredArticle, WireStore } from './store.js';

/** An article arriving in a feed. */
export interface FeedArticle {
  /** Unique id. */
  id: string;
  /** Plain text (give `text` or `html`). */
  text?: string;
  /** A saved page; its article body is extracted. */
  html?: string;
  /** Outlet or site. */
  outlet?: string;
  /** Where it was found. */
  url?: string;
  /** Publication time (ISO 8601); places it in the time window. */
  publishedAt?: string;
}

/** Options of {@link createWireIndex}. */
export interface WireIndexOptions {
  /** Where articles and stories live. @default a new `MemoryWireStore` */
  store?: WireStore;
  /**
   * Articles older than this (by publication time, else arrival) are outside the window: no new
   * article joins their story, and `expire()` removes them.
   * @default 7 days
   */
  windowMs?: number;
  /** Story verification thresholds (as for `compareArticles`). */
  stories?: StoryOptions;
  /**
   * Most recent articles of a story an arriving article is compared with.
   * @default 50
   */
  maxCompared?: number;
  /** Clock, in ms since the epoch (for tests and replays). @default Date.now */
  now?: () => number;
}

/** What the index says about one article. */
export interface IndexResult {
  /** Article id. */
  id: string;
  /** Its story. */
  story: string;
  /** Whether the article started the story. */
  newStory: boolean;
  /** Stories merged into `story` because this article links them. */
  merged: string[];
  /** Whether the article was already in the index (nothing was changed). */
  alreadyIndexed: boolean;
  /** Derivation verdict (thresholds as in the report). */
  verdict: Verdict;
  /** Share of body characters carried by other articles of the story (wire copy). */
  derivedShare: number;
  /** Whether it credits the story's agency. */
  credited: boolean;
  /** Credit evidence. */
  attribution: Attribution[];
  /**
   * The wire passages it carries (clusters of the story's compared articles that hold one of its
   * passages and span two or more articles), each with its canonical text and where it sits here.
   */
  wire: Array<{
    canonical: { document: string; start: number; end: number; text: string };
    attestedBy: number;
    passages: Array<{ start: number; end: number }>;
  }>;
  /** Its passages found in other articles of the story, and where. */
  matches: Array<{ start: number; end: number; document: string; documentStart: number; documentEnd: number }>;
}

/** Counts of an index. */
export interface IndexStats {
  articles: number;
  stories: number;
  store: string;
}

/** A streaming wire index. */
export interface WireIndex {
  /** Adds an article (idempotent by id) and says what it is. */
  add(article: FeedArticle): Promise<IndexResult>;
  /** Says what an article would be, without storing it. */
  query(article: FeedArticle): Promise<IndexResult>;
  /** Removes an article; whether it was there. */
  remove(id: string): Promise<boolean>;
  /** The full report of a story, as `compareArticles` gives it for the story's articles. */
  report(story: string): Promise<Report>;
  /** Removes every story whose newest article is outside the window; returns how many articles went. */
  expire(): Promise<number>;
  /** Counts. */
  stats(): Promise<IndexStats>;
  /** Closes the store. */
  close(): Promise<void>;
}

const DAY = 86_400_000;
const BANDS = optimalBands(defaultStoryOptions.threshold, 128);

interface Prepared {
  article: Article;
  time: number;
  doc: Doc;
  trigrams: Uint32Array;
  buckets: number[];
}

function toArticle(a: FeedArticle): Article {
  if (typeof a !== 'object' || a === null) throw new TypeError('article must be an object { id, text } or { id, html }.');
  if (typeof a.id !== 'string' || a.id.length === 0) throw new TypeError('article needs a non-empty string id.');
  const hasText = typeof a.text === 'string';
  const hasHtml = typeof a.html === 'string';
  if (hasText === hasHtml) throw new TypeError(`article ${JSON.stringify(a.id)} needs exactly one of "text" and "html" as a string.`);
  for (const k of ['outlet', 'url', 'publishedAt'] as const)
    if (a[k] !== undefined && typeof a[k] !== 'string') throw new TypeError(`article ${JSON.stringify(a.id)}: ${k} must be a string.`);
  const text = hasHtml ? extractArticle(a.html!).text : a.text!;
  return {
    id: a.id,
    text,
    ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
  };
}

/**
 * Creates a streaming wire index.
 *
 * @param options - Store, time window, thresholds.
 * @returns The index.
 * @throws TypeError or RangeError naming a bad option.
 * @example
 * ```ts
 * const index = createWireIndex({ store: new FileWireStore('./wire-index') });
 * const r = await index.add({ id: 'a1', text, outlet: 'Daily Planet' });
 * r.story; r.verdict; r.credited;
 * ```
 */
export function createWireIndex(options: WireIndexOptions = {}): WireIndex {
  checkOptions('options', options);
  checkNumber('windowMs', options.windowMs, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxCompared', options.maxCompared, 1, 10_000);
  const store = options.store ?? new MemoryWireStore();
  const windowMs = options.windowMs ?? 7 * DAY;
  const maxCompared = options.maxCompared ?? 50;
  const now = options.now ?? Date.now;
  const { minContainment, minShared } = { ...defaultStoryOptions, ...options.stories };
  // Prepared documents of stored articles, so a story's articles are not re-segmented per add.
  const cache = new Map<string, Doc>();

  const prepareDoc = (article: Article): Doc => {
    let d = cache.get(article.id);
    if (d === undefined || d.text !== article.text) {
      d = prepare(article, 0, new Set(), {});
      if (cache.size >= 2_000) cache.delete(cache.keys().next().value!);
      cache.set(article.id, d);
    }
    return d;
  };

  const prepareFeed = (a: FeedArticle): Prepared => {
    const article = toArticle(a);
    const published = article.publishedAt === undefined ? NaN : Date.parse(article.publishedAt);
    const doc = prepare(article, 0, new Set(), {});
    const trigrams = docTrigrams(doc);
    // Document sets are long (hundreds of trigrams): one-permutation hashing is as accurate there, and faster.
    const sig = computeMinHash(trigrams, { scheme: 'oph' });
    const buckets: number[] = [];
    for (let b = 0; b < BANDS.bands; b++) buckets.push(murmur3Ints(sig.hashvalues, b * BANDS.rows, BANDS.rows, sig.seed ^ (b + 1)));
    return { article, time: Number.isFinite(published) ? published : now(), doc, trigrams, buckets };
  };

  const storedArticle = (s: StoredArticle): Article => ({
    id: s.id,
    text: s.text,
    ...(s.outlet !== undefined ? { outlet: s.outlet } : {}),
    ...(s.url !== undefined ? { url: s.url } : {}),
    ...(s.publishedAt !== undefined ? { publishedAt: s.publishedAt } : {}),
  });

  /** Stories of the stored articles this article verifies against (inside the window). */
  const verifiedStories = async (p: Prepared): Promise<string[]> => {
    if (p.trigrams.length === 0) return [];
    const stories = new Set<string>();
    for (const id of (await store.candidates(p.buckets)).sort()) {
      if (id === p.article.id) continue;
      const other = await store.get(id);
      if (other === undefined || other.time < p.time - windowMs) continue;
      const set = Uint32Array.from(other.trigrams);
      const shared = intersectionSize(p.trigrams, set);
      if (shared >= minShared && Math.max(containment(p.trigrams, set), containment(set, p.trigrams)) >= minContainment) stories.add(other.story);
    }
    return [...stories].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || (a < b ? -1 : 1));
  };

  /** Compares the article with the story's most recent articles. */
  const evaluate = async (p: Prepared, story: string | null, base: Omit<IndexResult, 'verdict' | 'derivedShare' | 'credited' | 'attribution' | 'matches' | 'wire'>): Promise<IndexResult> => {
    const ids = story === null ? [] : (await store.story(story)).filter((id) => id !== p.article.id).slice(-maxCompared);
    const others: Doc[] = [];
    for (const id of ids) {
      const s = await store.get(id);
      if (s !== undefined) others.push(prepareDoc(storedArticle(s)));
    }
    const docs = [...others, p.doc];
    const passages = docs.flatMap((d, i) => d.passages.map((x) => ({ ...x, doc: i })));
    const own = passages.length - p.doc.passages.length;
    const links = linkPassages(passages);
    const linkedTo = new Map<number, number[]>();
    for (const l of links) {
      const [mine, other] = l.b >= own && l.a < own ? [l.b, l.a] : l.a >= own && l.b < own ? [l.a, l.b] : [-1, -1];
      if (mine < 0) continue;
      linkedTo.set(mine, [...(linkedTo.get(mine) ?? []), other]);
    }
    let body = 0;
    let derived = 0;
    const matches: IndexResult['matches'] = [];
    for (let g = own; g < passages.length; g++) {
      const x = passages[g]!;
      body += x.end - x.start;
      const to = linkedTo.get(g);
      if (to === undefined) continue;
      derived += x.end - x.start;
      for (const o of to) {
        const y = passages[o]!;
        matches.push({ start: x.start, end: x.end, document: docs[y.doc]!.article.id, documentStart: y.start, documentEnd: y.end });
      }
    }
    // The wire passages it carries: clusters (verified around a centre, as in the report) that
    // hold one of its passages and span two or more articles, each named by its canonical text.
    const wire: IndexResult['wire'] = [];
    for (const c of clusterLinkedPassages(passages, links)) {
      if (!c.members.some((m) => m >= own)) continue;
      const docsIn = new Set(c.members.map((m) => passages[m]!.doc));
      if (docsIn.size < 2) continue;
      const canon = passages[c.canonical]!;
      const d = docs[canon.doc]!;
      wire.push({
        canonical: { document: d.article.id, start: canon.start, end: canon.end, text: d.text.slice(canon.start, canon.end) },
        attestedBy: docsIn.size,
        passages: c.members.filter((m) => m >= own).map((m) => ({ start: passages[m]!.start, end: passages[m]!.end })),
      });
    }
    const derivedShare = body === 0 ? 0 : Math.round((derived / body) * 1000) / 1000;
    const verdict: Verdict =
      derived > 0 && derivedShare >= defaultCompareOptions.whollyDerived
        ? 'wholly-derived'
        : derived > 0 && derivedShare >= defaultCompareOptions.partiallyDerived
          ? 'partially-derived'
          : 'non-derived';
    const agency = majorityAgency(docs) ?? majorityAgency([p.doc]);
    return {
      ...base,
      verdict,
      derivedShare,
      credited: agency !== null && p.doc.credits.some((c) => c.agency === agency),
      attribution: p.doc.credits.map((c) => ({ agency: c.agency, start: c.start, end: c.end, kind: c.kind })),
      wire,
      matches,
    };
  };

  const index: WireIndex = {
    async add(a) {
      const p = prepareFeed(a);
      return store.exclusive(async () => {
        const existing = await store.get(p.article.id);
        if (existing !== undefined)
          return evaluate(p, existing.story, { id: p.article.id, story: existing.story, newStory: false, merged: [], alreadyIndexed: true });
        const stories = await verifiedStories(p);
        const { story: fresh, seq } = await store.allocate();
        const story = stories[0] ?? fresh;
        const merged = stories.slice(1);
        if (merged.length > 0) await store.merge(story, merged);
        await store.put({
          id: p.article.id,
          story,
          text: p.article.text,
          ...(p.article.outlet !== undefined ? { outlet: p.article.outlet } : {}),
          ...(p.article.url !== undefined ? { url: p.article.url } : {}),
          ...(p.article.publishedAt !== undefined ? { publishedAt: p.article.publishedAt } : {}),
          time: p.time,
          seq,
          buckets: p.buckets,
          trigrams: Array.from(p.trigrams),
        });
        if (cache.size >= 2_000) cache.delete(cache.keys().next().value!);
        cache.set(p.article.id, p.doc);
        return evaluate(p, story, { id: p.article.id, story, newStory: stories.length === 0, merged, alreadyIndexed: false });
      });
    },

    async query(a) {
      const p = prepareFeed(a);
      const existing = await store.get(p.article.id);
      const stories = existing !== undefined ? [existing.story] : await verifiedStories(p);
      return evaluate(p, stories[0] ?? null, {
        id: p.article.id,
        story: stories[0] ?? '',
        newStory: stories.length === 0,
        merged: [],
        alreadyIndexed: existing !== undefined,
      });
    },

    async remove(id) {
      if (typeof id !== 'string') throw new TypeError(messages.notAString('id', id));
      cache.delete(id);
      return store.exclusive(async () => (await store.delete(id)) !== undefined);
    },

    async report(story) {
      if (typeof story !== 'string') throw new TypeError(messages.notAString('story', story));
      const articles: Article[] = [];
      for (const id of await store.story(story)) {
        const s = await store.get(id);
        if (s !== undefined) articles.push(storedArticle(s));
      }
      return compareArticles(articles);
    },

    async expire() {
      return store.exclusive(async () => {
        const cutoff = now() - windowMs;
        let removed = 0;
        for (const story of await store.stories()) {
          const ids = await store.story(story);
          const times = await Promise.all(ids.map(async (id) => (await store.get(id))?.time ?? 0));
          if (Math.max(...times) >= cutoff) continue;
          for (const id of ids) {
            await store.delete(id);
            cache.delete(id);
            removed++;
          }
        }
        return removed;
      });
    },

    async stats() {
      return { ...(await store.stats()), store: store.kind };
    },

    async close() {
      cache.clear();
      await store.close();
    },
  };
  return index;
}
