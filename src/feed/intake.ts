/**
 * An arriving feed article, checked and prepared on the same stages as `compareArticles`: the
 * document stage (chrome, passages, credits), its trigram set and its story buckets.
 */

import { defaultCompareOptions } from '../compare.js';
import { documentTrigrams, prepareDocument, type Doc } from '../document/document.js';
import { extractArticle } from '../extract/extract.js';
import { storyBuckets } from '../stories/stories.js';
import type { Article, ChromeOptions } from '../types.js';
import type { StoredArticle } from './stores/store.js';
import type { FeedArticle } from './types.js';

/** A feed article ready to be placed in a story. */
export interface FeedDocument {
  article: Article;
  /** Its time in the window (publication, else arrival), ms since the epoch. */
  time: number;
  doc: Doc;
  trigrams: Uint32Array;
  buckets: number[];
}

const LIMITS = { maxChars: defaultCompareOptions.maxChars, maxSentences: defaultCompareOptions.maxSentencesPerDocument };

/**
 * Checks a feed article and turns it into an `Article` (HTML extracted).
 *
 * @param a - The feed article.
 * @returns The article.
 * @throws TypeError naming the article and the field.
 */
export function toArticle(a: FeedArticle): Article {
  if (typeof a !== 'object' || a === null) throw new TypeError('article must be an object { id, text } or { id, html }.');
  if (typeof a.id !== 'string' || a.id.length === 0) throw new TypeError('article needs a non-empty string id.');
  if (a.format !== undefined && a.format !== 'text' && a.format !== 'html')
    throw new TypeError(`article ${JSON.stringify(a.id)}: format must be "text" or "html" (got ${JSON.stringify(a.format)}).`);
  // { text, format: 'html' } is the same as { html }, as compareArticles takes it.
  const page = a.format === 'html' && typeof a.text === 'string' && a.html === undefined;
  const hasText = typeof a.text === 'string' && !page;
  const hasHtml = typeof a.html === 'string' || page;
  if (hasText === hasHtml || (a.html !== undefined && a.text !== undefined)) throw new TypeError(`article ${JSON.stringify(a.id)} needs exactly one of "text" and "html" as a string.`);
  const html = page ? a.text : a.html;
  // As compareArticles refuses it (the story report runs it on the stored articles).
  if (hasText && a.text!.trim().length === 0) throw new TypeError(`article ${JSON.stringify(a.id)} has an empty text.`);
  for (const k of ['outlet', 'url', 'publishedAt'] as const)
    if (a[k] !== undefined && typeof a[k] !== 'string') throw new TypeError(`article ${JSON.stringify(a.id)}: ${k} must be a string.`);
  if (hasHtml && html!.length > LIMITS.maxChars)
    throw new RangeError(`article ${JSON.stringify(a.id)}: the page is ${html!.length} characters, more than ${LIMITS.maxChars}; not extracted.`);
  const text = hasHtml ? extractArticle(html!).text : a.text!;
  return { id: a.id, text, ...metadata(a) };
}

/** The optional fields of an article, copied only when present. */
export function metadata(a: { outlet?: string | undefined; url?: string | undefined; publishedAt?: string | undefined }): Pick<Article, 'outlet' | 'url' | 'publishedAt'> {
  return {
    ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
  };
}

/**
 * Prepares a document of the feed (no template lines: the feed has no input to learn them from).
 *
 * @param article - The article.
 * @param chrome - Chrome options, as for `compareArticles`.
 * @returns Its document.
 */
export function prepareFeedDocument(article: Article, chrome?: ChromeOptions): Doc {
  return prepareDocument(article, 0, chrome?.learned ?? new Set(), { ...LIMITS, chrome });
}

/**
 * Prepares an arriving article: document, trigram set, story buckets and time.
 *
 * @param a - The feed article.
 * @param now - The clock, for articles without a publication time.
 * @param chrome - Chrome options, as for `compareArticles`.
 * @returns The prepared article.
 */
export function prepareFeedArticle(a: FeedArticle, now: () => number, chrome?: ChromeOptions): FeedDocument {
  const article = toArticle(a);
  const published = article.publishedAt === undefined ? NaN : Date.parse(article.publishedAt);
  const doc = prepareFeedDocument(article, chrome);
  const trigrams = documentTrigrams(doc);
  return { article, time: Number.isFinite(published) ? published : now(), doc, trigrams, buckets: Array.from(storyBuckets(trigrams)) };
}

/**
 * A stored article as an `Article`.
 *
 * @param s - The stored article.
 * @returns The article.
 */
export function storedArticle(s: StoredArticle): Article {
  return { id: s.id, text: s.text, ...metadata(s) };
}
