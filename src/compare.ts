/**
 * `compareArticles`, the driver: each stage in its folder, data flowing one way —
 * validate → intake (HTML) → document (chrome, passages, credits) → stories → align (links,
 * clusters, wire text, diffs) → report.
 */

import { alignStory, type StoryAlignment } from './align/story.js';
import { lowerCaseWords } from './diff/sourced.js';
import { prepareDocument, learnTemplates, majorityAgency, storyDocument, type Doc, type PrepareSettings, type StoryDocument } from './document/document.js';
import { passageKeys, setAsideStock, stockSentences } from './document/stock.js';
import { checkInteger, checkKeys, checkNumber, checkOptions, messages } from './errors.js';
import { extractArticle } from './extract/extract.js';
import { buildDocumentReport, buildStoryVersions, limitMessage } from './report/build.js';
import type { VerdictThresholds } from './report/verdict.js';
import { groupStories } from './stories/stories.js';
import type { Article, ChromeOptions, CompareOptions, DocumentReport, LinkOptions, Report, ReportCluster, ReportStory } from './types.js';
import { VERSION } from './version.js';

/** Defaults of {@link CompareOptions}. */
export const defaultCompareOptions = Object.freeze({
  whollyDerived: 0.8,
  partiallyDerived: 0.2,
  creditedWireShare: 0.5,
  maxChars: 5_000_000,
  maxArticlesPerStory: 1000,
  maxSentencesPerDocument: 5000,
});


const COMPARE_KEYS = ['reference', 'chrome', 'stories', 'links', 'whollyDerived', 'partiallyDerived', 'creditedWireShare', 'maxChars', 'maxArticlesPerStory', 'maxSentencesPerDocument', 'onProgress'];
const STORY_KEYS = ['threshold', 'minContainment', 'minShared', 'windowMs', 'minRareShared'];
const LINK_KEYS = ['minContainment', 'minContentJaccard', 'maxPostingShare'];
const CHROME_KEYS = ['phrases', 'patterns', 'learned', 'builtins', 'agencies'];
const ARTICLE_KEYS = ['id', 'text', 'format', 'outlet', 'url', 'publishedAt'];

/**
 * Checks chrome options by name (shared by `compareArticles` and the feed).
 *
 * @param chrome - The options.
 * @throws TypeError naming a bad option.
 */
export function checkChromeOptions(chrome: ChromeOptions | undefined): void {
  checkOptions('options.chrome', chrome);
  checkKeys('options.chrome', chrome, CHROME_KEYS);
  if (chrome === undefined) return;
  if (chrome.learned !== undefined && !(chrome.learned instanceof Set)) throw new TypeError('chrome.learned must be a Set of normalised lines (from learnChrome).');
  for (const [list, field] of [
    [chrome.phrases, 'text'],
    [chrome.patterns, 'pattern'],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new TypeError(`chrome.${field === 'text' ? 'phrases' : 'patterns'} must be an array.`);
    list.forEach((rule: unknown, i: number) => {
      const r = rule as Record<string, unknown> | null;
      const ok = r !== null && typeof r === 'object' && (field === 'text' ? typeof r.text === 'string' : r.pattern instanceof RegExp) && typeof r.reason === 'string';
      if (!ok) throw new TypeError(`chrome.${field === 'text' ? 'phrases' : 'patterns'}[${i}] must be { ${field === 'text' ? 'text: string' : 'pattern: RegExp'}, reason } (got ${rule === null ? 'null' : typeof rule}).`);
    });
  }
}

/**
 * Checks the options compare and the feed share: stage thresholds, chrome, verdict thresholds.
 *
 * @param options - The caller's options.
 * @throws TypeError or RangeError naming the bad option.
 */
export function checkStageOptions(options: Pick<CompareOptions, 'stories' | 'links' | 'chrome' | 'whollyDerived' | 'partiallyDerived' | 'creditedWireShare'>): void {
  for (const [name, value, keys] of [
    ['options.stories', options.stories, STORY_KEYS],
    ['options.links', options.links, LINK_KEYS],
  ] as const) {
    checkOptions(name, value);
    checkKeys(name, value, keys);
  }
  const links = options.links ?? {};
  checkNumber('links.minContainment', links.minContainment, 0, 1);
  checkNumber('links.minContentJaccard', links.minContentJaccard, 0, 1);
  checkNumber('links.maxPostingShare', links.maxPostingShare, 0, 1);
  checkChromeOptions(options.chrome);
  checkNumber('whollyDerived', options.whollyDerived, 0, 1);
  checkNumber('partiallyDerived', options.partiallyDerived, 0, 1);
  checkNumber('creditedWireShare', options.creditedWireShare, 0, 1);
  const wholly = options.whollyDerived ?? defaultCompareOptions.whollyDerived;
  const partially = options.partiallyDerived ?? defaultCompareOptions.partiallyDerived;
  if (wholly < partially) throw new RangeError(messages.thresholdsOutOfOrder(wholly, partially));
}

/** The named references, as a list (one id or several). */
function referencesOf(options: CompareOptions): readonly unknown[] {
  const r = options.reference as unknown;
  return r === undefined ? [] : Array.isArray(r) ? r : [r];
}

function validate(articles: readonly Article[], options: CompareOptions): void {
  if (!Array.isArray(articles)) throw new TypeError('articles must be an array of { id, text } objects.');
  checkOptions('options', options);
  checkKeys('options', options, COMPARE_KEYS);
  checkStageOptions(options);
  checkInteger('maxChars', options.maxChars, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxArticlesPerStory', options.maxArticlesPerStory, 2, Number.MAX_SAFE_INTEGER);
  checkInteger('maxSentencesPerDocument', options.maxSentencesPerDocument, 1, Number.MAX_SAFE_INTEGER);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('onProgress must be a function (done, total) => void.');
  const references = referencesOf(options);
  if (references.length === 0 && options.reference !== undefined) throw new TypeError('reference must be an article id, or a non-empty array of ids.');
  for (const r of references) if (typeof r !== 'string') throw new TypeError(messages.notAString('reference', r));
  if (new Set(references).size !== references.length) throw new TypeError(`reference names an article twice (${references.join(', ')}).`);
  const ids = new Set<string>();
  // An index loop, not forEach: a sparse array's holes are articles too, and bad ones.
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i]!;
    if (typeof a !== 'object' || a === null) throw new TypeError(messages.badArticle(i, 'must be an object { id, text }'));
    checkKeys(`articles[${i}]`, a, ARTICLE_KEYS);
    if (typeof a.id !== 'string' || a.id.length === 0) throw new TypeError(messages.badArticle(i, 'needs a non-empty string id'));
    if (typeof a.text !== 'string') throw new TypeError(messages.badArticle(i, `(${JSON.stringify(a.id)}) needs a string text`));
    // As the CLI refuses an empty file: an article with nothing in it is a mistake, not a document.
    if (a.format !== 'html' && a.text.trim().length === 0) throw new TypeError(messages.badArticle(i, `(${JSON.stringify(a.id)}) has an empty text`));
    if (a.format !== undefined && a.format !== 'text' && a.format !== 'html')
      throw new TypeError(messages.badArticle(i, `(${JSON.stringify(a.id)}) format must be "text" or "html" (got ${JSON.stringify(a.format)})`));
    if (ids.has(a.id)) throw new TypeError(messages.duplicateId(a.id));
    ids.add(a.id);
  }
  for (const r of references as string[]) if (!ids.has(r)) throw new RangeError(messages.unknownReference(r, [...ids]));
}

/** Splits stories over `max` articles: the first `max` are compared, the others stand alone. */
function capStories(groups: readonly number[][], max: number): { groups: number[][]; cut: number[] } {
  const out: number[][] = [];
  const cut: number[] = [];
  for (const group of groups) {
    if (group.length <= max) out.push(group);
    else {
      out.push(group.slice(0, max));
      for (const i of group.slice(max)) {
        out.push([i]);
        cut.push(i);
      }
    }
  }
  return { groups: out, cut };
}

/**
 * Compares articles: groups them into stories, clusters the passages that derive from the same
 * wire text, reconstructs that text (or takes the `reference` article as the wire copy) and
 * reports what every outlet kept, reworded, added, cut and moved.
 *
 * @param input - Articles `{ id, text, format? }` (plain text, or HTML with `format: "html"`; ids unique).
 * @param options - See {@link CompareOptions}.
 * @returns The report (plain data; `JSON.stringify` gives the `wiretrace/report@2` JSON), its
 *   documents in the order of their ids whatever the input order.
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
  return compareKeeping(input, options, KEEP_PREPARED);
}

/** Up to this many articles, the prepared documents are kept between grouping and alignment. */
const KEEP_PREPARED = 2_000;

/**
 * {@link compareArticles}, keeping prepared documents for inputs of at most `keepPrepared`
 * articles (tests compare the two ways).
 *
 * @internal
 */
export function compareKeeping(input: readonly Article[], options: CompareOptions, keepPrepared: number): Report {
  const run = compareStories(input, options, keepPrepared);
  const report = emptyReport(input.length, run.limits);
  for (const part of run.parts) addPart(report, part);
  return report;
}

/**
 * A report with room for `n` documents, that {@link addPart} fills part by part.
 *
 * @internal
 */
export function emptyReport(n: number, limits: Report['limits']): Report {
  return { schema: 'wiretrace/report@2', generator: `wiretrace ${VERSION}`, documents: new Array<DocumentReport>(n), clusters: [], stories: [], limits };
}

/**
 * Puts one story's part in the report: its documents at their places, its clusters and story after the earlier ones.
 *
 * @internal
 */
export function addPart(report: Report, part: StoryPart): void {
  part.documents.forEach((d, k) => (report.documents[part.indices[k]!] = d));
  report.clusters.push(...part.clusters);
  if (part.story !== null) report.stories.push(part.story);
}

/** One story's part of the report (or one article alone), as {@link compareStories} gives it. */
export interface StoryPart {
  /** The story, or `null` for an article that joined none. */
  readonly story: ReportStory | null;
  /** Its documents' reports, in the order of their ids. */
  readonly documents: DocumentReport[];
  /** Its clusters. */
  readonly clusters: ReportCluster[];
  /** Each document's place in the report (the input sorted by id). */
  readonly indices: readonly number[];
}

/**
 * {@link compareArticles} one story at a time: the articles are grouped first (every limit is
 * known then), then each story is aligned and reported as `parts` is read, and let go, so a
 * caller that writes each part out holds one story at a time.
 *
 * @param input - Articles, as for {@link compareArticles}.
 * @param options - Options, as for {@link compareArticles}.
 * @param keepPrepared - Up to this many articles, prepared documents are kept between grouping and alignment.
 * @returns The limits met, the number of parts, and the parts in story order (or, to run them
 *   elsewhere, the tasks that make them and their shared context: read one or the other).
 * @internal
 */
export function compareStories(
  input: readonly Article[],
  options: CompareOptions = {},
  keepPrepared: number = KEEP_PREPARED,
): { limits: Report['limits']; total: number; parts: Generator<StoryPart>; tasks: Generator<StoryTask>; context: StoryContext } {
  validate(input, options);
  // `??`, not a spread: an option given as `undefined` (plain JavaScript) takes its default.
  const defaults = defaultCompareOptions;
  const o = {
    whollyDerived: options.whollyDerived ?? defaults.whollyDerived,
    partiallyDerived: options.partiallyDerived ?? defaults.partiallyDerived,
    creditedWireShare: options.creditedWireShare ?? defaults.creditedWireShare,
    maxChars: options.maxChars ?? defaults.maxChars,
    maxArticlesPerStory: options.maxArticlesPerStory ?? defaults.maxArticlesPerStory,
    maxSentencesPerDocument: options.maxSentencesPerDocument ?? defaults.maxSentencesPerDocument,
  };
  const thresholds = { whollyDerived: o.whollyDerived, partiallyDerived: o.partiallyDerived };

  // The same articles give the same report whatever their order: they are compared, and
  // listed, in the order of their ids.
  const sorted = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Intake: HTML pages become their extracted article text; everything after works on that text.
  const warnings = new Map<number, string[]>();
  const articles = sorted.map((a, i) => {
    if (a.format !== 'html') return a;
    // A page past maxChars is not parsed at all: extraction of a 50 MB page ran for minutes.
    if (a.text.length > o.maxChars) {
      warnings.set(i, [`the page is ${a.text.length} characters, more than maxChars (${o.maxChars}); not extracted`]);
      return { ...a, text: '' };
    }
    const extracted = extractArticle(a.text);
    if (extracted.warning !== undefined) warnings.set(i, [extracted.warning]);
    return { ...a, text: extracted.text };
  });

  // Documents, first pass: what story grouping needs (trigrams, words, time), the sentence keys
  // stock detection needs, lower-case words (a capitalised first word is a name unless the input
  // writes it in lower case) and limits. A folder of more than `keepPrepared` articles keeps no
  // prepared document: each is prepared again with its story, so memory is a story's, not the
  // folder's (the same documents either way: preparing is deterministic).
  const keep = articles.length <= keepPrepared;
  const prepared: Array<Doc | undefined> = new Array(articles.length);
  const keys: Float64Array[] = new Array(articles.length);
  const lowerSeen = new Set<string>();
  const limits: Report['limits'] = [];
  const { learned, settings, features } = firstPass(articles, options, (d, i) => {
    for (const l of d.limits) limits.push({ limit: l.limit, document: d.article.id, value: l.value, message: limitMessage(l.limit, l.value) });
    lowerCaseWords([d], lowerSeen);
    keys[i] = passageKeys(d);
    if (keep) prepared[i] = d;
  });

  // Stories. With references, every article is measured against them: one story.
  const referenceIds = referencesOf(options) as string[];
  const referenceIndices = referenceIds.map((id) => articles.findIndex((a) => a.id === id));
  const referenced = referenceIndices.length > 0;
  const grouped = referenced ? [articles.map((_, i) => i)] : groupStories(features, options.stories ?? {});
  features.length = 0;
  // Sentences that recur across stories are stock: boilerplate, never wire.
  const stock = referenced ? new Set<number>() : stockSentences(keys, grouped);
  const capped = capStories(grouped, o.maxArticlesPerStory);
  for (const i of capped.cut)
    limits.push({ limit: 'maxArticlesPerStory', document: articles[i]!.id, value: o.maxArticlesPerStory, message: limitMessage('maxArticlesPerStory', o.maxArticlesPerStory) });
  const limitsOf = new Map<string, string[]>();
  for (const l of limits) limitsOf.set(l.document, [...(limitsOf.get(l.document) ?? []), l.message]);

  // Alignment and report, story by story, as the parts are read: each story is a task of plain
  // data (its articles, their template lines and stock sentences), run here or in a worker.
  const context: StoryContext = {
    referenceIndices,
    referenceIds,
    settings,
    creditedWireShare: o.creditedWireShare,
    thresholds,
    links: options.links,
    lowerSeen,
  };
  const total = capped.groups.length;
  function* tasks(): Generator<StoryTask> {
    let storyNo = 0;
    for (const group of capped.groups)
      yield {
        storyId: group.length >= 2 ? `s${++storyNo}` : null,
        indices: group,
        docs: group.map((i) => ({
          article: articles[i]!,
          learned: learned[i]!,
          keys: keys[i]!,
          stock: new Set([...keys[i]!].filter((k) => stock.has(k))),
          warnings: [...(warnings.get(i) ?? []), ...(limitsOf.get(articles[i]!.id) ?? [])],
        })),
      };
  }
  function* parts(): Generator<StoryPart> {
    let done = 0;
    options.onProgress?.(0, total);
    for (const task of tasks()) {
      yield runStoryTask(task, context, (i) => {
        const d = prepared[i];
        prepared[i] = undefined;
        return d;
      });
      options.onProgress?.(++done, total);
    }
  }
  return { limits, total, parts: parts(), tasks: tasks(), context };
}

/**
 * A caller's copy of an article's story features (what `storyDocument` gives of the document
 * `prepareDocument` would make with these template lines), or `undefined` to prepare it.
 */
export type KnownFeatures = (article: Article, learned: ReadonlySet<string>, settings: PrepareSettings) => StoryDocument | undefined;

/**
 * The first pass over the input (sorted by id): template lines learned from it, each article's
 * document (handed to `each`, then let go) and its story features.
 */
function firstPass(
  articles: readonly Article[],
  options: Pick<CompareOptions, 'chrome' | 'maxChars' | 'maxSentencesPerDocument'>,
  each: (d: Doc, i: number) => void,
  known?: KnownFeatures,
): { learned: ReadonlySet<string>[]; settings: PrepareSettings; features: StoryDocument[] } {
  const learned = learnTemplates(articles, options.chrome?.learned);
  const settings = {
    maxChars: options.maxChars ?? defaultCompareOptions.maxChars,
    maxSentences: options.maxSentencesPerDocument ?? defaultCompareOptions.maxSentencesPerDocument,
    chrome: options.chrome ?? undefined,
  };
  // Words as ids of one vocabulary (a folder's words in a few MB), given in the order grouping
  // would give them; a caller's features come with their words, and grouping gives the ids.
  const vocabulary = known === undefined ? new Map<string, number>() : undefined;
  const features = articles.map((a, i) => {
    const f = known?.(a, learned[i]!, settings);
    if (f !== undefined) return f;
    const d = prepareDocument(a, i, learned[i]!, settings);
    each(d, i);
    return storyDocument(d, vocabulary);
  });
  return { learned, settings, features };
}

/**
 * The stories {@link compareArticles} makes of these text articles (no reference): groups of
 * places in `input`, as compare groups them whatever the input order. The feed keeps its stories
 * to these, so that a story's report is compare's on its articles.
 *
 * @param input - Text articles, checked (ids unique).
 * @param options - The stage options compare would take.
 * @param known - Story features the caller keeps (the feed's, of documents it has prepared).
 * @returns The groups, each in the order of its ids, in the order compare gives its stories.
 * @internal
 */
export function groupArticles(input: readonly Article[], options: Pick<CompareOptions, 'chrome' | 'stories' | 'maxChars' | 'maxSentencesPerDocument'> = {}, known?: KnownFeatures): number[][] {
  const order = input.map((_, i) => i).sort((a, b) => (input[a]!.id < input[b]!.id ? -1 : input[a]!.id > input[b]!.id ? 1 : 0));
  const { features } = firstPass(order.map((i) => input[i]!), options, () => undefined, known ?? (() => undefined));
  return groupStories(features, options.stories ?? {}).map((g) => g.map((k) => order[k]!));
}

/** What every story of one comparison shares (plain data: it goes to workers as it is). */
export interface StoryContext {
  /** Input places of the named references, in the order given (empty: none). */
  readonly referenceIndices: readonly number[];
  readonly referenceIds: readonly string[];
  readonly settings: PrepareSettings;
  readonly creditedWireShare: number;
  readonly thresholds: VerdictThresholds;
  readonly links: LinkOptions | undefined;
  readonly lowerSeen: ReadonlySet<string>;
}

/** One story to align and report (or one article alone), as plain data. */
export interface StoryTask {
  /** Its id, or `null` for an article alone. */
  readonly storyId: string | null;
  /** Its documents' places in the input sorted by id. */
  readonly indices: readonly number[];
  readonly docs: ReadonlyArray<{
    readonly article: Article;
    /** Template lines learned for it. */
    readonly learned: ReadonlySet<string>;
    /** Its passages' keys (`passageKeys`), and those of them that are stock. */
    readonly keys: Float64Array;
    readonly stock: ReadonlySet<number>;
    /** Warnings and limit messages it carries into its report. */
    readonly warnings: readonly string[];
  }>;
}

/**
 * Aligns and reports one story.
 *
 * @param task - The story.
 * @param context - What the comparison's stories share.
 * @param kept - A document already prepared, by input place, if any.
 * @returns Its part of the report.
 * @internal
 */
export function runStoryTask(task: StoryTask, context: StoryContext, kept: (i: number) => Doc | undefined = () => undefined): StoryPart {
  const storyDocs = task.docs.map((x, k) => {
    const i = task.indices[k]!;
    const d = kept(i) ?? prepareDocument(x.article, i, x.learned, context.settings);
    return x.stock.size > 0 ? setAsideStock(d, x.stock, x.keys) : d;
  });
  const { storyId, indices } = task;
  const agency = majorityAgency(storyDocs);
  let aligned: StoryAlignment | null = null;
  let story: ReportStory | null = null;
  if (storyId !== null) {
    aligned = alignStory(storyId, storyDocs, {
      agency,
      referenceIndices: context.referenceIndices,
      creditedWireShare: context.creditedWireShare,
      links: context.links,
      lowerSeen: context.lowerSeen,
      reprintShare: context.thresholds.whollyDerived,
    });
    story = {
      id: storyId,
      documents: storyDocs.map((d) => d.article.id),
      agency,
      reference: context.referenceIds[0] ?? null,
      references: [...context.referenceIds],
      wire: aligned.wireIds,
      ...buildStoryVersions(storyId, aligned),
    };
  }
  const documents = storyDocs.map((d, k) => {
    const r = buildDocumentReport(d, storyId, agency ?? majorityAgency([d]), aligned, context.thresholds, context.referenceIndices.includes(d.index));
    if (d.article.format === 'html') r.text = d.text;
    const w = task.docs[k]!.warnings;
    if (w.length > 0) r.warnings = [...w];
    return r;
  });
  return { story, documents, clusters: aligned?.reportClusters ?? [], indices };
}
