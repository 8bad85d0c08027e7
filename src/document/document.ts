/**
 * The document stage: an article becomes what every later stage reads — its chrome set aside,
 * its body cut into sentence passages, its agency credits found — and, for story grouping, the
 * set of its content-bearing word trigrams. `compareArticles` and the feed both prepare their
 * articles here.
 */

import { bodySpans, detectChrome, learnChrome, type ChromeSpan } from '../chrome/chrome.js';
import { AGENCIES } from '../chrome/agencies.js';
import { canonicalAgency, detectCredits } from '../chrome/credits.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import { trimSpan, type Span } from '../segment/paragraph.js';
import { segmentSentences } from '../segment/sentence.js';
import { hashWords, shingleWords, toShingleSet } from '../shingle/shingle.js';
import type { Article, Attribution, ChromeOptions } from '../types.js';
import { buildPassage, type Passage } from './passage.js';

/** An article prepared for comparison (chrome, passages, credits). */
export interface Doc {
  /** Its index in the input. */
  readonly index: number;
  readonly article: Article;
  /** The full text (HTML already extracted). */
  readonly text: string;
  readonly chrome: ChromeSpan[];
  readonly passages: Passage[];
  readonly credits: Attribution[];
  /**
   * Agencies it credits as an article of its own: not by a byline (the agency's reporter, whatever
   * the outlet added) nor by a credit line the outlet prints on its other articles too (a house
   * template, "(With AFP inputs)" under everything it runs). Only these make it a reprint.
   */
  readonly reprintCredits: readonly string[];
  /** Spans not analysed because a limit cut them. */
  readonly overLimit: Span[];
  /** Limits that cut this document. */
  readonly limits: Array<{ limit: string; value: number }>;
  /** Body words written with look-alike letters of another script, or with invisible characters. */
  readonly evasion: { readonly homoglyphWords: number; readonly invisibleWords: number };
}

const INVISIBLE_CHAR = /[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f]/u;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** Words that mix Latin with Cyrillic or Greek letters, and words with invisible characters. */
function evasionOf(text: string, passages: readonly Passage[]): Doc['evasion'] {
  let homoglyphWords = 0;
  let invisibleWords = 0;
  // Most texts hold neither: their words are not read one by one.
  const invisible = INVISIBLE_CHAR.test(text);
  const lookalike = LOOKALIKE.test(text);
  if (!invisible && !lookalike) return { homoglyphWords, invisibleWords };
  for (const p of passages)
    for (const w of p.words) {
      const s = text.slice(w.start, w.end);
      if (invisible && INVISIBLE_CHAR.test(s)) invisibleWords++;
      if (lookalike && LATIN.test(s) && LOOKALIKE.test(s)) homoglyphWords++;
    }
  return { homoglyphWords, invisibleWords };
}

/** What story grouping knows of a document. */
export interface StoryDocument {
  /** Sorted trigram set (`documentTrigrams`). */
  readonly trigrams: Uint32Array;
  /** Its content words (matching forms), for the rare-word evidence. */
  readonly words?: ReadonlySet<string>;
  /**
   * The same words as ids of one vocabulary shared by every document of the input (a folder's
   * words as strings per document cost gigabytes at 100,000 articles): given instead of `words`.
   */
  readonly wordIds?: Int32Array;
  /** Publication time, ms since the epoch, when known. */
  readonly time?: number;
}

/** What {@link prepareDocument} needs, resolved by the caller. */
export interface PrepareSettings {
  /** Longest text analysed, in UTF-16 units. */
  readonly maxChars: number;
  /** Most sentences analysed. */
  readonly maxSentences: number;
  /** Chrome options (the learned lines are passed apart). */
  readonly chrome?: ChromeOptions | undefined;
}

/** How much of a text is analysed: `maxChars` units, never splitting a surrogate pair. */
function analysedLength(full: string, settings: PrepareSettings): number {
  if (full.length <= settings.maxChars) return full.length;
  const c = full.charCodeAt(settings.maxChars - 1);
  return c >= 0xd800 && c <= 0xdbff ? settings.maxChars - 1 : settings.maxChars;
}

/**
 * Whether {@link prepareDocument} with these learned lines would mark the same chrome spans as
 * `doc` has: then its passages, and its story features, are `doc`'s (only the spans' reasons and
 * the credits read off them can differ). Cheaper than preparing it again.
 *
 * @param doc - The article prepared with other learned lines, and the same settings.
 * @param learned - Template lines learned for it.
 * @param settings - Limits and chrome options.
 * @returns Whether the chrome spans are the same.
 */
export function sameChromeSpans(doc: Doc, learned: ReadonlySet<string>, settings: PrepareSettings): boolean {
  const full = doc.article.text;
  const cutAt = analysedLength(full, settings);
  const chrome = detectChrome(cutAt < full.length ? full.slice(0, cutAt) : full, { ...settings.chrome, learned });
  return chrome.length === doc.chrome.length && chrome.every((c, i) => c.start === doc.chrome[i]!.start && c.end === doc.chrome[i]!.end);
}

/**
 * Prepares one article: chrome, passages, credits, and the limits that cut it.
 *
 * @param article - The article (plain text).
 * @param index - Its index in the input.
 * @param learned - Template lines learned for it.
 * @param settings - Limits and chrome options.
 * @returns The prepared document.
 */
export function prepareDocument(article: Article, index: number, learned: ReadonlySet<string>, settings: PrepareSettings): Doc {
  const full = article.text;
  // Limits cut what is analysed, never silently: the rest becomes `over-limit` segments.
  const limits: Array<{ limit: string; value: number }> = [];
  const cutAt = analysedLength(full, settings);
  if (cutAt < full.length) limits.push({ limit: 'maxChars', value: settings.maxChars });
  const text = cutAt < full.length ? full.slice(0, cutAt) : full;
  const chrome = detectChrome(text, { ...settings.chrome, learned });
  const body = bodySpans(text, chrome);
  let sentences = segmentSentences(text, body);
  const overLimit: Span[] = [];
  if (sentences.length > settings.maxSentences) {
    overLimit.push(...sentences.slice(settings.maxSentences).map((x) => ({ start: x.start, end: x.end })));
    sentences = sentences.slice(0, settings.maxSentences);
    limits.push({ limit: 'maxSentencesPerDocument', value: settings.maxSentences });
  }
  if (cutAt < full.length) {
    const rest = trimSpan(full, cutAt, full.length);
    if (rest !== null) overLimit.push(rest);
  }
  const passages = sentences.map((s, i) => buildPassage(text, index, i, s));
  const credits = detectCredits(text, chrome, body, settings.chrome?.agencies);
  const stamped = (c: Attribution): boolean => chrome.some((x) => x.start === c.start && x.end === c.end && (x.reason === 'byline' || x.learned === true));
  return {
    index,
    article,
    text: full,
    chrome,
    passages,
    credits,
    reprintCredits: [...new Set(credits.filter((c) => !stamped(c)).map((c) => c.agency))],
    overLimit,
    limits,
    evasion: evasionOf(text, passages),
  };
}

/**
 * Template lines per article: lines shared by three or more of the inputs that are short labels,
 * lines repeated across one outlet's articles, and the caller's learned lines.
 *
 * @param articles - The input.
 * @param extra - Lines the caller learned elsewhere (`--chrome-from`).
 * @returns One set per article.
 */
export function learnTemplates(articles: readonly Article[], extra: ReadonlySet<string> = new Set()): ReadonlySet<string>[] {
  const acrossInput = articles.length >= 3 ? learnChrome(articles.map((a) => a.text), { minDocs: 3, maxWords: 4, maxSentenceWords: 0 }) : new Set<string>();
  const byOutlet = new Map<string, string[]>();
  for (const a of articles) if (a.outlet !== undefined) byOutlet.set(a.outlet, [...(byOutlet.get(a.outlet) ?? []), a.text]);
  const perOutlet = new Map<string, Set<string>>();
  for (const [outlet, texts] of byOutlet) if (texts.length >= 2) perOutlet.set(outlet, learnChrome(texts));
  return articles.map((a) => new Set([...extra, ...acrossInput, ...(a.outlet !== undefined ? (perOutlet.get(a.outlet) ?? []) : [])]));
}

/**
 * A document's set for story grouping: trigrams over the body's matching forms that hold a
 * content word (trigrams of function words only, "said it was", are shared by unrelated articles).
 *
 * @param doc - A prepared document.
 * @returns Its sorted, unique trigram hashes.
 */
export function documentTrigrams(doc: Doc): Uint32Array {
  const words = doc.passages.flatMap((p) => p.words.map((w) => w.match));
  const hashes = hashWords(words);
  const tri = shingleWords(hashes, { k: 3 });
  const content = words.map((w) => !STOPWORDS.has(w));
  const keep: number[] = [];
  for (let i = 0; i < tri.length; i++) if (content[i] || content[i + 1] || content[i + 2]) keep.push(tri[i]!);
  return toShingleSet(Uint32Array.from(keep));
}

/**
 * What story grouping knows of a document: its trigram set, its content words and, when
 * `publishedAt` parses, its time.
 *
 * @param doc - A prepared document.
 * @param vocabulary - Word ids shared by the input's documents: given, words come as `wordIds`.
 * @returns Its story features.
 */
export function storyDocument(doc: Doc, vocabulary?: Map<string, number>): StoryDocument {
  const words = new Set<string>();
  for (const p of doc.passages) for (const w of p.content) words.add(w);
  const time = doc.article.publishedAt === undefined ? NaN : Date.parse(doc.article.publishedAt);
  const at = Number.isFinite(time) ? { time } : {};
  if (vocabulary === undefined) return { trigrams: documentTrigrams(doc), words, ...at };
  const wordIds = new Int32Array(words.size);
  let k = 0;
  for (const w of words) {
    let id = vocabulary.get(w);
    if (id === undefined) vocabulary.set(w, (id = vocabulary.size));
    wordIds[k++] = id;
  }
  return { trigrams: documentTrigrams(doc), wordIds, ...at };
}

/**
 * The agency most of the documents credit (ties to the first by name), or `null`.
 *
 * @param docs - Documents of one story.
 * @returns The agency's canonical name.
 */
export function majorityAgency(docs: readonly Doc[]): string | null {
  const counts = new Map<string, number>();
  for (const d of docs) {
    // The agency's own copy (its outlet is an agency) counts as a credit of it.
    const own = outletAgency(d.article.outlet);
    for (const a of new Set([...d.credits.map((c) => c.agency), ...(own === null ? [] : [own])])) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [a, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) if (c > n) [best, n] = [a, c];
  return best;
}

/**
 * Whether an article is the agency's own copy: its outlet is the agency ("PA", "Press
 * Association", "AFP").
 *
 * @param outlet - The article's outlet, if given.
 * @param agency - The story's agency, or `null`.
 * @returns Whether it is.
 */
export function ownCopy(outlet: string | undefined, agency: string | null): boolean {
  return agency !== null && outletAgency(outlet) === agency;
}

/** The agency an outlet name is ("PA Media" → "PA"), or `null` for any other outlet. */
function outletAgency(outlet: string | undefined): string | null {
  const name = outlet?.trim();
  if (name === undefined || name.length === 0) return null;
  const canonical = canonicalAgency(name);
  return canonical !== name || AGENCIES.includes(name) ? canonical : null;
}
