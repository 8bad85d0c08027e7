/**
 * The streaming wire index: articles arrive one at a time (a pipeline worker's feed) and each is
 * told at once which story it joins, which earlier articles' passages it carries, its derivation
 * verdict and whether it credits the agency. Several workers can share one index through a store
 * that locks across processes (Redis); one process can keep it on disk (`FileWireStore`).
 *
 * Stories are the ones `compareArticles` makes: an arrival finds the stories whose articles it
 * verifies against (shared trigrams, inside the window), and those stories with it are grouped
 * again as compare groups them. An arrival can join a story, merge stories, stay alone, or show
 * that articles one link had glued (a byline, a stock line) are two stories: they split.
 */

import { checkStageOptions, compareArticles, defaultCompareOptions, groupArticles, type KnownFeatures } from '../compare.js';
import { prepareDocument, sameChromeSpans, storyDocument, type Doc, type StoryDocument } from '../document/document.js';
import { normalizeKey } from '../normalize/normalize.js';
import { checkInteger, checkKeys, checkNumber, checkOptions, messages } from '../errors.js';
import { defaultStoryOptions, sameStory } from '../stories/stories.js';
import type { Article, Report } from '../types.js';
import { evaluateArticle, type ResultBase } from './evaluate.js';
import { metadata, prepareFeedArticle, prepareFeedDocument, storedArticle, type FeedDocument } from './intake.js';
import { MemoryWireStore } from './stores/memory.js';
import type { StoredArticle, StoryMove } from './stores/store.js';
import type { IndexResult, WireIndex, WireIndexOptions } from './types.js';

const DAY = 86_400_000;
/** Past this many articles, the stories an arrival touches are merged as they are, not grouped again. */
const REGROUP_LIMIT = defaultCompareOptions.maxArticlesPerStory;
const INDEX_KEYS = ['store', 'windowMs', 'stories', 'links', 'creditedWireShare', 'chrome', 'whollyDerived', 'partiallyDerived', 'maxCompared', 'now'];

/** The report with its one story named `to` (and its clusters `to.w1`, …) instead of `from`. */
function renameStory(report: Report, from: string, to: string): Report {
  const id = (x: string): string => (x === from ? to : x.startsWith(`${from}.`) ? `${to}${x.slice(from.length)}` : x);
  return {
    ...report,
    documents: report.documents.map((d) => ({
      ...d,
      story: d.story === null ? null : id(d.story),
      segments: d.segments.map((s) => ({ ...s, clusters: s.clusters.map(id) })),
      cut: d.cut.map(id),
      notInVersion: d.notInVersion.map(id),
      version: d.version === null ? null : id(d.version),
      versionEvidence: d.versionEvidence.map((e) => ({ version: id(e.version), clusters: e.clusters.map(id) })),
      moved: d.moved.map(id),
    })),
    clusters: report.clusters.map((c) => ({ ...c, id: id(c.id), story: id(c.story) })),
    stories: report.stories.map((s) => ({
      ...s,
      id: id(s.id),
      wire: s.wire.map(id),
      versions: s.versions.map((v) => ({ ...v, id: id(v.id), wire: v.wire.map(id) })),
      core: s.core.map(id),
      versionDifferences: s.versionDifferences.map((v) => ({ ...v, cluster: id(v.cluster), versions: [id(v.versions[0]), id(v.versions[1])] })),
    })),
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
  checkKeys('options', options, INDEX_KEYS);
  checkNumber('windowMs', options.windowMs, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxCompared', options.maxCompared, 1, 10_000);
  // The options compare takes, checked as compare checks them.
  checkStageOptions(options);
  const chrome = options.chrome;
  const store = options.store ?? new MemoryWireStore();
  const windowMs = options.windowMs ?? 7 * DAY;
  const maxCompared = options.maxCompared ?? 50;
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('now must be a function returning the time in ms since the epoch.');
  const clock = options.now ?? Date.now;
  // A clock that returns no time would make every article look outside the window.
  const now = (): number => {
    const t = clock();
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new RangeError(`now() must return a finite time in ms since the epoch (got ${String(t)}).`);
    return t;
  };
  const storyThresholds = { ...defaultStoryOptions, ...options.stories };
  const thresholds = {
    whollyDerived: options.whollyDerived ?? defaultCompareOptions.whollyDerived,
    partiallyDerived: options.partiallyDerived ?? defaultCompareOptions.partiallyDerived,
  };
  // Prepared documents of stored articles, so a story's articles are not re-segmented per add.
  const cache = new Map<string, Doc>();
  const remember = (id: string, d: Doc): void => {
    if (cache.size >= 2_000) cache.delete(cache.keys().next().value!);
    cache.set(id, d);
  };
  const documentOf = (article: Article): Doc => {
    let d = cache.get(article.id);
    if (d === undefined || d.text !== article.text) {
      d = prepareFeedDocument(article, chrome);
      remember(article.id, d);
    }
    return d;
  };
  // Grouping as compare groups: each article's story features with the template lines its
  // group teaches (usually the same from one arrival to the next), kept as documents are.
  const baseSet = chrome?.learned ?? new Set<string>();
  const features = new Map<string, { text: string; norm: string | null; byLines: Map<string, StoryDocument> }>();
  const known: KnownFeatures = (article, learned, settings) => {
    let kept = features.get(article.id);
    if (kept === undefined || kept.text !== article.text) {
      if (features.size >= 2_000) features.delete(features.keys().next().value!);
      kept = { text: article.text, norm: null, byLines: new Map() };
      features.set(article.id, kept);
    }
    // A learned line can only mark a line or sentence of the article as chrome if its normalised
    // text holds it: the document depends on those lines alone (without one, it is the one
    // prepared without any), so groups that teach other lines reuse it.
    const extra = [...learned].filter((l) => !baseSet.has(l));
    let key = '';
    if (extra.length > 0) {
      kept.norm ??= normalizeKey(article.text);
      const norm = kept.norm;
      key = extra
        .filter((l) => norm.includes(l))
        .sort()
        .join('\n');
    }
    let f = kept.byLines.get(key);
    if (f === undefined) {
      // Lines it holds that are chrome already (a credit line, a byline, a date) leave its
      // passages as they were: the features prepared without them stand.
      const base = documentOf(article);
      f = key === '' || sameChromeSpans(base, learned, settings) ? (kept.byLines.get('') ?? storyDocument(base)) : storyDocument(prepareDocument(article, 0, learned, settings));
      kept.byLines.set(key, f);
    }
    return f;
  };
  const stageOptions = { ...(options.stories !== undefined ? { stories: options.stories } : {}), ...(chrome !== undefined ? { chrome } : {}) };

  /**
   * The stories an arrival (or, without one, a story's remaining articles) forms with the stored
   * articles it touches, as compare groups them: each group named by the stored story most of its
   * articles come from (a story's name goes to one group only), or `null` for a new story.
   */
  const regroup = (members: readonly StoredArticle[], arrival?: FeedDocument): Array<{ ids: string[]; story: string | null; arrival: boolean }> => {
    const articles = [...members.map(storedArticle), ...(arrival !== undefined ? [arrival.article] : [])];
    const groups = articles.length <= 1 || articles.length > REGROUP_LIMIT ? [articles.map((_, i) => i)] : groupArticles(articles, stageOptions, known);
    const seqOf = (k: number): number => (k < members.length ? members[k]!.seq : Infinity);
    const ordered = groups
      .map((g) => ({ g, first: Math.min(...g.map(seqOf)) }))
      .sort((a, b) => b.g.length - a.g.length || a.first - b.first)
      .map((x) => x.g);
    const taken = new Set<string>();
    return ordered.map((g) => {
      const from = new Map<string, number>();
      for (const k of g) if (k < members.length) from.set(members[k]!.story, (from.get(members[k]!.story) ?? 0) + 1);
      const best = [...from]
        .filter(([st]) => !taken.has(st))
        .sort((a, b) => b[1] - a[1] || Number(a[0].slice(1)) - Number(b[0].slice(1)) || (a[0] < b[0] ? -1 : 1))[0]?.[0];
      if (best !== undefined) taken.add(best);
      return { ids: g.map((k) => articles[k]!.id), story: best ?? null, arrival: g.includes(members.length) && arrival !== undefined };
    });
  };

  /** The groups' story names (new stories allocated) and which of `members` must move to them. */
  const settle = async (groups: ReturnType<typeof regroup>, members: readonly StoredArticle[], fresh: string): Promise<{ names: string[]; moves: StoryMove[] }> => {
    const storyOf = new Map(members.map((m) => [m.id, m.story]));
    const names: string[] = [];
    const moves: StoryMove[] = [];
    let freshUsed = false;
    for (const g of groups) {
      let name = g.story;
      if (name === null) {
        name = freshUsed ? (await store.allocate()).story : fresh;
        freshUsed = true;
      }
      names.push(name);
      const moving: string[] = [];
      for (const id of g.ids) if (storyOf.has(id) && storyOf.get(id) !== name) moving.push(id);
      if (moving.length > 0) moves.push({ into: name, ids: moving });
    }
    return { names, moves };
  };

  /** The stored articles of these stories. */
  const membersOf = async (stories: readonly string[]): Promise<StoredArticle[]> => {
    const out: StoredArticle[] = [];
    for (const st of stories)
      for (const id of await store.story(st)) {
        const a = await store.get(id);
        if (a !== undefined) out.push(a);
      }
    return out;
  };

  /** Stories of the stored articles this article verifies against (inside the window). */
  const verifiedStories = async (p: FeedDocument): Promise<string[]> => {
    if (p.trigrams.length === 0) return [];
    const stories = new Set<string>();
    for (const id of (await store.candidates(p.buckets)).sort()) {
      if (id === p.article.id) continue;
      const other = await store.get(id);
      if (other === undefined || other.time < p.time - windowMs) continue;
      if (sameStory(p.trigrams, Uint32Array.from(other.trigrams), storyThresholds)) stories.add(other.story);
    }
    return [...stories].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || (a < b ? -1 : 1));
  };

  /** Compares the article with the story's most recent articles. */
  const evaluate = async (p: Pick<FeedDocument, 'doc'>, story: string | null, base: ResultBase): Promise<IndexResult> => {
    const ids = story === null ? [] : (await store.story(story)).filter((id) => id !== base.id).slice(-maxCompared);
    const others: Doc[] = [];
    for (const id of ids) {
      const s = await store.get(id);
      if (s !== undefined) others.push(documentOf(storedArticle(s)));
    }
    return evaluateArticle(p.doc, others, base, thresholds, options.links);
  };

  /** What a stored article is, against its story as it stands. */
  const reevaluate = async (id: string): Promise<IndexResult | undefined> => {
    const s = await store.get(id);
    if (s === undefined) return undefined;
    return evaluate({ doc: documentOf(storedArticle(s)) }, s.story, { id, story: s.story, newStory: false, merged: [], alreadyIndexed: true });
  };

  /** Whether a revision changes what was said of the article (its story, verdict, credit or counts). */
  const changed = (a: IndexResult | undefined, b: IndexResult): boolean =>
    a === undefined ||
    a.story !== b.story ||
    a.verdict !== b.verdict ||
    a.derivedShare !== b.derivedShare ||
    a.credited !== b.credited ||
    a.alteredQuotes !== b.alteredQuotes ||
    a.changedNumbers !== b.changedNumbers;

  const index: WireIndex = {
    async add(a, addOptions = {}) {
      checkOptions('options', addOptions);
      const revise = addOptions.revisions ?? false;
      if (typeof revise !== 'boolean') throw new TypeError(`options.revisions must be true or false (got ${JSON.stringify(revise)})`);
      const p = prepareFeedArticle(a, now, chrome);
      return store.exclusive(async () => {
        const existing = await store.get(p.article.id);
        if (existing !== undefined) {
          // The same id again: the same article (a resumed feed), or a mistake worth a clear error.
          if (existing.text !== p.article.text)
            throw new Error(`article ${JSON.stringify(p.article.id)} is already indexed with another text; remove it first to index the new one.`);
          const again = await evaluate(p, existing.story, { id: p.article.id, story: existing.story, newStory: false, merged: [], alreadyIndexed: true });
          return revise ? { ...again, revisions: [] } : again;
        }
        // Its document as prepared on arrival: regrouping and evaluation take it from the cache
        // instead of preparing it again (the same document: preparing is deterministic).
        remember(p.article.id, p.doc);
        const stories = await verifiedStories(p);
        const members = await membersOf(stories);
        const groups = regroup(members, p);
        const { story: fresh, seq } = await store.allocate();
        // With revisions: the story's earlier articles as they stood, to say which this arrival changes.
        const affected = revise ? members.map((m) => m.id) : [];
        const before = new Map<string, IndexResult | undefined>();
        for (const id of affected) before.set(id, await reevaluate(id));
        const { names, moves } = await settle(groups, members, fresh);
        const own = groups.findIndex((g) => g.arrival);
        const story = names[own]!;
        const joined = new Set(groups[own]!.ids);
        const merged = stories.filter((st) => st !== story && members.some((m) => m.story === st && joined.has(m.id)));
        await store.put({
          id: p.article.id,
          story,
          text: p.article.text,
          ...metadata(p.article),
          time: p.time,
          seq,
          buckets: p.buckets,
          trigrams: Array.from(p.trigrams),
        }, moves);
        const result = await evaluate(p, story, { id: p.article.id, story, newStory: groups[own]!.story === null, merged, alreadyIndexed: false });
        if (!revise) return result;
        const revisions: IndexResult[] = [];
        for (const id of [...affected].sort()) {
          const current = await reevaluate(id);
          if (current !== undefined && changed(before.get(id), current)) revisions.push(current);
        }
        return { ...result, revisions };
      });
    },

    async query(a) {
      const p = prepareFeedArticle(a, now, chrome);
      const existing = await store.get(p.article.id);
      // Where an add would put it, without writing: the story of its group, if one is stored.
      const story = existing !== undefined ? existing.story : (regroup(await membersOf(await verifiedStories(p)), p).find((g) => g.arrival)!.story ?? null);
      return evaluate(p, story, {
        id: p.article.id,
        story: story ?? '',
        newStory: story === null,
        merged: [],
        alreadyIndexed: existing !== undefined,
      });
    },

    async remove(id) {
      if (typeof id !== 'string') throw new TypeError(messages.notAString('id', id));
      cache.delete(id);
      features.delete(id);
      return store.exclusive(async () => {
        const gone = await store.delete(id);
        if (gone === undefined) return false;
        // The article may have been all that held its story together: what is left is grouped again.
        const left = await membersOf([gone.story]);
        const groups = regroup(left);
        if (groups.length > 1) for (const m of (await settle(groups, left, (await store.allocate()).story)).moves) await store.move(m.into, m.ids);
        return true;
      });
    },

    async list(options = {}) {
      checkOptions('options', options);
      if (options.story !== undefined && typeof options.story !== 'string') throw new TypeError(messages.notAString('story', options.story));
      let since = -Infinity;
      if (options.since !== undefined) {
        since = typeof options.since === 'string' ? Date.parse(options.since) : NaN;
        if (!Number.isFinite(since)) throw new TypeError(`options.since must be an ISO 8601 date (got ${JSON.stringify(options.since)})`);
      }
      const stories = options.story !== undefined ? [options.story] : (await store.stories()).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || (a < b ? -1 : 1));
      const out: Array<{ id: string; story: string; outlet?: string; publishedAt?: string }> = [];
      for (const story of stories)
        for (const id of await store.story(story)) {
          const s = await store.get(id);
          if (s !== undefined && s.time >= since) out.push({ id: s.id, story: s.story, ...(s.outlet !== undefined ? { outlet: s.outlet } : {}), ...(s.publishedAt !== undefined ? { publishedAt: s.publishedAt } : {}) });
        }
      return out;
    },

    async report(story) {
      if (typeof story !== 'string') throw new TypeError(messages.notAString('story', story));
      const articles: Article[] = [];
      for (const id of await store.story(story)) {
        const s = await store.get(id);
        if (s !== undefined) articles.push(storedArticle(s));
      }
      if (articles.length === 0) return compareArticles([]);
      const report = compareArticles(articles, {
        ...thresholds,
        ...(options.stories !== undefined ? { stories: options.stories } : {}),
        ...(options.links !== undefined ? { links: options.links } : {}),
        ...(options.creditedWireShare !== undefined ? { creditedWireShare: options.creditedWireShare } : {}),
        ...(chrome !== undefined ? { chrome } : {}),
      });
      // The report quotes its articles (text reports and HTML need their texts), and names the
      // story as the index does.
      const texts = new Map(articles.map((a) => [a.id, a.text]));
      for (const d of report.documents) d.text ??= texts.get(d.id)!;
      return report.stories.length === 1 ? renameStory(report, report.stories[0]!.id, story) : report;
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
            features.delete(id);
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
      features.clear();
      await store.close();
    },
  };
  return index;
}
