/**
 * The chrome stage: finds the site furniture around and inside an article (date and weather
 * widgets, captions, credits, bylines, comment forms, navigation, teasers, metadata, repeated
 * template lines) so that it is reported as `boilerplate` and never counted as reporting.
 *
 * It works line by line on the original text, so every span points into the user's string,
 * and it cuts chrome out of a paragraph (metadata at its start, a credit at its end) leaving
 * the rest of that paragraph as body text.
 */

import { checkOptions } from '../errors.js';
import { normalizeKey } from '../normalize/normalize.js';
import { segmentLines, segmentParagraphs, trimSpan, type Span } from '../segment/paragraph.js';
import { sentenceSplitter } from '../segment/sentence.js';
import type { ChromeOptions, ChromePattern, ChromeReason } from '../types.js';
import { agencyAlternation } from './agencies.js';
import { builtinPatterns, builtinPhrases, creditLinePatterns, datelinePatterns, inlineCreditPatterns, inlinePatterns } from './rules.js';

/** A span of chrome in the original text. */
export interface ChromeSpan extends Span {
  /** Why it is chrome. */
  readonly reason: ChromeReason;
  /** A line the outlet prints on its other articles too (a learned template line), whatever the reason. */
  readonly learned?: true;
}

/** Options for {@link learnChrome}. */
export interface LearnChromeOptions {
  /**
   * A line must appear in at least this many of the texts.
   * @default 2
   */
  minDocs?: number;
  /**
   * Longest line (in words) learned when it reads like a sentence (ends in . ! ? or a quote).
   * Longer sentence-like lines are never learned, so repeated wire sentences stay reporting.
   * @default 10
   */
  maxSentenceWords?: number;
  /**
   * Longest line (in words) learned at all.
   * @default 40
   */
  maxWords?: number;
}

const INLINE_WINDOW = 80;

function normLine(text: string): string {
  // Trailing separators do not make a label different ("Share this:", "Related »").
  const t = normalizeKey(text);
  let end = t.length;
  while (end > 0 && ' :|•·›>-"'.includes(t[end - 1]!)) end--;
  return t.slice(0, end);
}

function wordCount(s: string): number {
  return s.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Learns template lines: lines that repeat across several articles of one outlet or site
 * (footers, share bars, newsletter boxes). Lines that read as full sentences are learned only
 * when short, so that wire sentences two articles share are never taken for chrome.
 *
 * @param texts - Articles of one outlet or site (or one input sharing a template).
 * @param options - `minDocs`, `maxSentenceWords`.
 * @returns Normalised lines to pass as `ChromeOptions.learned`.
 * @example
 * ```ts
 * const learned = learnChrome(articlesFromOneSite);
 * detectChrome(text, { learned });
 * ```
 */
export function learnChrome(texts: readonly string[], options: LearnChromeOptions = {}): Set<string> {
  checkOptions('options', options);
  const { minDocs = 2, maxSentenceWords = 10, maxWords = 40 } = options;
  const seen = new Map<string, number>();
  for (const text of texts) for (const line of linesOf(text)) seen.set(line, (seen.get(line) ?? 0) + 1);
  const learned = new Set<string>();
  for (const [line, count] of seen) {
    if (count < minDocs || line.length === 0) continue;
    const sentenceLike = /[.!?"']$/.test(line);
    const words = wordCount(line);
    if (words > maxWords || (sentenceLike && words > maxSentenceWords)) continue;
    learned.add(line);
  }
  return learned;
}

/**
 * A text's distinct normalised lines. The feed learns a story's template lines again at each
 * arrival, from the same texts: each is read once (the last few thousand are kept).
 */
function linesOf(text: string): ReadonlySet<string> {
  let lines = lineCache.get(text);
  if (lines === undefined) {
    const found = new Set<string>();
    for (const span of segmentLines(text)) found.add(normLine(text.slice(span.start, span.end)));
    if (lineCache.size >= 4_096) lineCache.clear();
    lineCache.set(text, (lines = found));
  }
  return lines;
}

const lineCache = new Map<string, ReadonlySet<string>>();

interface Rules {
  phrases: ReadonlyMap<string, ChromeReason>;
  /** Phrase and learned keys a sentence of a line could equal (see {@link mayHoldPhrase}): the built-in phrases', made once, and the rest. */
  sentenceKeys: readonly SentenceKeys[];
  patterns: readonly ChromePattern[];
  /** Patterns for chrome glued into a paragraph (metadata, datelines, credits). */
  inline: readonly ChromePattern[];
  learned: ReadonlySet<string>;
}

/**
 * Keys a sentence of a line can equal, split by how they can sit in the line: a sentence ends at
 * a terminator (. ! ? …) or at the line's end, so a key that ends in a letter or digit can only
 * be the line's last sentence; the others can stand anywhere.
 */
interface SentenceKeys {
  /** Keys that end in a letter or digit, by their last code unit (a line ends with one or none). */
  readonly atEnd: ReadonlyMap<string, readonly string[]>;
  readonly anywhere: readonly string[];
}

function sentenceKeys(keys: Iterable<string>): SentenceKeys {
  const atEnd = new Map<string, string[]>();
  const anywhere: string[] = [];
  for (const k of keys) {
    if (k.length === 0) continue;
    if (/[\p{L}\p{N}]$/u.test(k)) {
      const last = k[k.length - 1]!;
      const list = atEnd.get(last);
      if (list === undefined) atEnd.set(last, [k]);
      else list.push(k);
    } else anywhere.push(k);
  }
  return { atEnd, anywhere };
}

/** Whether `key` stands in `norm` at `i` after a word boundary (the start of a sentence could be there). */
function startsWordAt(norm: string, i: number): boolean {
  return i === 0 || !/[\p{L}\p{N}]/u.test(norm[i - 1]!);
}

/**
 * Whether a sentence of the line (normalised as `norm`) could be a phrase or a learned line: a
 * necessary condition, checked before the line is split into sentences (most lines hold none).
 */
function mayHoldPhrase(norm: string, all: readonly SentenceKeys[]): boolean {
  for (const keys of all) {
    for (const k of keys.atEnd.get(norm[norm.length - 1] ?? '') ?? []) if (norm.endsWith(k) && startsWordAt(norm, norm.length - k.length)) return true;
    for (const k of keys.anywhere)
      for (let i = norm.indexOf(k); i >= 0; i = norm.indexOf(k, i + 1)) if (startsWordAt(norm, i)) return true;
  }
  return false;
}

/** The built-in phrases, normalised once, and their sentence keys. */
let builtinPhraseMap: ReadonlyMap<string, ChromeReason> | null = null;
let builtinKeys: SentenceKeys | null = null;

function resolveRules(options: ChromeOptions): Rules {
  checkOptions('options', options);
  const builtins = options.builtins ?? true;
  builtinPhraseMap ??= new Map(builtinPhrases.map((p) => [normLine(p.text), p.reason]));
  builtinKeys ??= sentenceKeys(builtinPhraseMap.keys());
  const own = options.phrases ?? [];
  // The built-in map itself when nothing is added to it (it is only read).
  let phrases: ReadonlyMap<string, ChromeReason> = builtins ? builtinPhraseMap : new Map();
  if (own.length > 0) {
    const added = new Map(phrases);
    for (const p of own) added.set(normLine(p.text), p.reason);
    phrases = added;
  }
  const patterns = [...(builtins ? builtinPatterns : []), ...(options.patterns ?? [])];
  for (const p of patterns) {
    if (!(p.pattern instanceof RegExp)) throw new TypeError('chrome patterns must be RegExp objects ({ pattern: /…/, reason }).');
  }
  const extra = agencyAlternation(options.agencies);
  const learned = options.learned ?? new Set<string>();
  return {
    phrases,
    sentenceKeys: builtins && own.length === 0 ? [builtinKeys, sentenceKeys(learned)] : [sentenceKeys([...phrases.keys(), ...learned])],
    patterns: extra === null ? patterns : [...patterns, ...creditLinePatterns(extra)],
    inline: extra === null ? inlinePatterns : [...inlinePatterns, ...datelinePatterns(extra), ...inlineCreditPatterns(extra)],
    learned,
  };
}

/** Reasons of lines that can credit an agency (`detectCredits` reads them). */
const CREDIT_REASONS: ReadonlySet<ChromeReason> = new Set<ChromeReason>(['credit', 'dateline', 'copyright', 'byline']);

function classifyLine(line: string, norm: string, rules: Rules): ChromeReason | null {
  const phrase = rules.phrases.get(norm);
  if (phrase !== undefined) return phrase;
  const learned = rules.learned.has(norm);
  if (line.length > 600) return learned ? 'repeated-across-outlet' : null;
  for (const { pattern, reason } of rules.patterns) {
    // A learned line is the outlet's template unless a rule says it credits the agency: an
    // outlet that ends every article "(With AFP inputs)" repeats a credit line, and still credits.
    if (learned && !CREDIT_REASONS.has(reason)) continue;
    pattern.lastIndex = 0;
    if (pattern.test(line)) return reason;
  }
  return learned ? 'repeated-across-outlet' : null;
}

/**
 * Finds the chrome spans of an article.
 *
 * @param text - The article as plain text.
 * @param options - Extra phrases and patterns, learned template lines.
 * @returns Chrome spans, sorted and disjoint, offsets into `text`.
 * @example
 * ```ts
 * detectChrome('Leave a Reply\n\nBody text.'); // [{ start: 0, end: 13, reason: 'comments' }]
 * ```
 */
export function detectChrome(text: string, options: ChromeOptions = {}): ChromeSpan[] {
  const rules = resolveRules(options);
  const spans: ChromeSpan[] = [];
  const seenParagraphs = new Set<string>();
  for (const para of segmentParagraphs(text)) {
    const paraNorm = normLine(text.slice(para.start, para.end));
    if (seenParagraphs.has(paraNorm) && wordCount(paraNorm) >= 3) {
      // The same paragraph again (a caption printed twice): chrome, unless the lines say more.
      const lines = lineSpans(text, para, rules);
      spans.push(...(lines.length > 0 ? lines : [{ start: para.start, end: para.end, reason: 'duplicate' as const }]));
      continue;
    }
    seenParagraphs.add(paraNorm);
    spans.push(...lineSpans(text, para, rules));
  }
  return spans;
}

function lineSpans(text: string, para: Span, rules: Rules): ChromeSpan[] {
  const out: ChromeSpan[] = [];
  for (const line of segmentLines(text, para)) {
    const raw = text.slice(line.start, line.end);
    const norm = normLine(raw);
    const reason = classifyLine(raw, norm, rules);
    if (reason !== null) {
      // A caption is chrome whole, its trailing agency name too: a photo credit says who took
      // the picture, not where the text came from.
      out.push({ start: line.start, end: line.end, reason, ...(rules.learned.has(norm) ? { learned: true as const } : {}) });
      continue;
    }
    const parts = mayHoldPhrase(norm, rules.sentenceKeys) ? sentencePhrases(text, line, rules) : [];
    if (parts.length > 0) {
      out.push(...parts);
      continue;
    }
    out.push(...inlineSpans(text, line, rules));
  }
  return out;
}

/** Sentences of a line that are chrome phrases on their own ("Your email … published. Required …"). */
function sentencePhrases(text: string, line: Span, rules: Rules): ChromeSpan[] {
  const out: ChromeSpan[] = [];
  for (const s of sentenceSplitter.segment(text.slice(line.start, line.end))) {
    const norm = normLine(text.slice(line.start + s.start, line.start + s.end));
    const reason = rules.phrases.get(norm) ?? (rules.learned.has(norm) ? 'repeated-across-outlet' : undefined);
    if (reason !== undefined) out.push({ start: line.start + s.start, end: line.start + s.end, reason });
  }
  return out;
}

function inlineCredit(text: string, line: Span, rules: Rules): ChromeSpan | null {
  const from = Math.max(line.start, line.end - INLINE_WINDOW);
  const tail = text.slice(from, line.end);
  for (const { pattern, reason } of rules.inline) {
    if (reason !== 'credit') continue;
    const m = pattern.exec(tail);
    if (m !== null) {
      const span = trimSpan(text, from + m.index, line.end);
      if (span !== null) return { ...span, reason };
    }
  }
  return null;
}

function inlineSpans(text: string, line: Span, rules: Rules): ChromeSpan[] {
  const out: ChromeSpan[] = [];
  let bodyStart = line.start;
  // Metadata, then a dateline, at the start of the line ("date 2023-09-20 BAKU: …").
  for (const { pattern, reason } of rules.inline) {
    if (reason !== 'metadata' && reason !== 'dateline') continue;
    const head = text.slice(bodyStart, Math.min(line.end, bodyStart + INLINE_WINDOW));
    const m = pattern.exec(head);
    if (m !== null && m.index === 0) {
      const span = trimSpan(text, bodyStart, bodyStart + m[0].length);
      // Keep at least some body text: a line that is all metadata was a whole-line case.
      if (span !== null && bodyStart + m[0].length < line.end) {
        out.push({ ...span, reason });
        bodyStart += m[0].length;
      }
    }
  }
  const credit = inlineCredit(text, { start: bodyStart, end: line.end }, rules);
  if (credit !== null && credit.start > bodyStart) out.push(credit);
  return out;
}

/**
 * The body of an article: its paragraphs with the chrome spans cut out, as trimmed spans.
 *
 * @param text - The article.
 * @param chrome - Spans from {@link detectChrome}.
 * @returns Body spans in order (each within one paragraph).
 */
export function bodySpans(text: string, chrome: readonly ChromeSpan[]): Span[] {
  const out: Span[] = [];
  let c = 0;
  for (const para of segmentParagraphs(text)) {
    let from = para.start;
    while (c < chrome.length && chrome[c]!.end <= para.start) c++;
    let k = c;
    while (k < chrome.length && chrome[k]!.start < para.end) {
      const cut = chrome[k]!;
      const s = trimSpan(text, from, Math.max(from, cut.start));
      if (s !== null) out.push(s);
      from = Math.max(from, cut.end);
      k++;
    }
    const s = trimSpan(text, from, para.end);
    if (s !== null) out.push(s);
  }
  return out;
}
