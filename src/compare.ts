/**
 * `compareArticles`, the driver: each stage in its folder, data flowing one way —
 * validate → intake (HTML) → document (chrome, passages, credits) → stories → align (links,
 * clusters, wire text, diffs) → report.
 */

import { alignStory, type StoryAlignment } from './align/story.js';
import { lowerCaseWords } from './diff/sourced.js';
import { prepareDocument, learnTemplates, majorityAgency, storyDocument } from './document/document.js';
import { setAsideStock, stockSentences } from './document/stock.js';
import { checkInteger, checkKeys, checkNumber, checkOptions, messages } from './errors.js';
import { extractArticle } from './extract/extract.js';
import { buildDocumentReport, buildStoryVersions, limitMessage } from './report/build.js';
import { groupStories } from './stories/stories.js';
import type { Article, ChromeOptions, CompareOptions, DocumentReport, Report, ReportCluster, ReportStory } from './types.js';
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

function validate(articles: readonly Article[], options: CompareOptions): void {
  if (!Array.isArray(articles)) throw new TypeError('articles must be an array of { id, text } objects.');
  checkOptions('options', options);
  checkKeys('options', options, COMPARE_KEYS);
  checkStageOptions(options);
  checkInteger('maxChars', options.maxChars, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('maxArticlesPerStory', options.maxArticlesPerStory, 2, Number.MAX_SAFE_INTEGER);
  checkInteger('maxSentencesPerDocument', options.maxSentencesPerDocument, 1, Number.MAX_SAFE_INTEGER);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('onProgress must be a function (done, total) => void.');
  if (options.reference !== undefined && typeof options.reference !== 'string')
    throw new TypeError(messages.notAString('reference', options.reference));
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
  if (options.reference !== undefined && !ids.has(options.reference)) throw new RangeError(messages.unknownReference(options.reference, [...ids]));
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

  // Documents.
  const learned = learnTemplates(articles, options.chrome?.learned);
  const settings = { maxChars: o.maxChars, maxSentences: o.maxSentencesPerDocument, chrome: options.chrome ?? undefined };
  const docs = articles.map((a, i) => prepareDocument(a, i, learned[i]!, settings));
  const limits: Report['limits'] = docs.flatMap((d) =>
    d.limits.map((l) => ({ limit: l.limit, document: d.article.id, value: l.value, message: limitMessage(l.limit, l.value) })),
  );
  // Lower-case words across the input decide whether a capitalised first word is a name.
  const lowerSeen = lowerCaseWords(docs);

  // Stories. With a reference, every article is measured against it: one story.
  const referenceIndex = options.reference === undefined ? -1 : articles.findIndex((a) => a.id === options.reference);
  const grouped = referenceIndex >= 0 ? [docs.map((d) => d.index)] : groupStories(docs.map(storyDocument), options.stories ?? {});
  // Sentences that recur across stories are stock: boilerplate, never wire.
  const stock = referenceIndex >= 0 ? new Set<string>() : stockSentences(docs, grouped);
  if (stock.size > 0) docs.forEach((d, i) => (docs[i] = setAsideStock(d, stock)));
  const capped = capStories(grouped, o.maxArticlesPerStory);
  for (const i of capped.cut)
    limits.push({ limit: 'maxArticlesPerStory', document: docs[i]!.article.id, value: o.maxArticlesPerStory, message: limitMessage('maxArticlesPerStory', o.maxArticlesPerStory) });

  // Alignment and report, story by story.
  const documents: DocumentReport[] = new Array(docs.length);
  const clusters: ReportCluster[] = [];
  const stories: ReportStory[] = [];
  let storyNo = 0;
  const total = capped.groups.length;
  options.onProgress?.(0, total);
  let done = 0;
  for (const group of capped.groups) {
    const storyDocs = group.map((i) => docs[i]!);
    const storyId = group.length >= 2 ? `s${++storyNo}` : null;
    const agency = majorityAgency(storyDocs);
    let aligned: StoryAlignment | null = null;
    if (storyId !== null) {
      aligned = alignStory(storyId, storyDocs, {
        agency,
        referenceIndex,
        creditedWireShare: o.creditedWireShare,
        links: options.links ?? undefined,
        lowerSeen,
        reprintShare: o.whollyDerived,
      });
      clusters.push(...aligned.reportClusters);
      stories.push({
        id: storyId,
        documents: storyDocs.map((d) => d.article.id),
        agency,
        reference: referenceIndex >= 0 ? articles[referenceIndex]!.id : null,
        wire: aligned.wireIds,
        ...buildStoryVersions(storyId, aligned),
      });
    }
    for (const d of storyDocs) {
      const r = buildDocumentReport(d, storyId, agency ?? majorityAgency([d]), aligned, thresholds, d.index === referenceIndex);
      if (d.article.format === 'html') r.text = d.text;
      const w = [...(warnings.get(d.index) ?? []), ...limits.filter((l) => l.document === d.article.id).map((l) => l.message)];
      if (w.length > 0) r.warnings = w;
      documents[d.index] = r;
    }
    options.onProgress?.(++done, total);
  }
  return { schema: 'wiretrace/report@2', generator: `wiretrace ${VERSION}`, documents, clusters, stories, limits };
}
