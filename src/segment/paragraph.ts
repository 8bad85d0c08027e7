/**
 * Paragraphs: runs of text separated by blank lines; when a text has no blank line at all,
 * every line is a paragraph (many scraped articles use single newlines).
 */

import { assertString } from '../errors.js';

/** A span of the original text. */
export interface Span {
  /** UTF-16 offset of the first character in the original text. */
  readonly start: number;
  /** UTF-16 offset after the last character. */
  readonly end: number;
}

/** Splits text into paragraph spans. */
export interface Segmenter {
  /** Returns trimmed, non-empty spans of `text` in order. */
  segment(text: string): Span[];
}

const BLANK_LINE = /\n[^\S\n]*\n/;
const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/g;

/**
 * Trims white space and control characters off a span (an agency feed's layout starts each
 * paragraph with one: PA's raw copy has U+0019 after every "<" line end); returns null when
 * nothing is left.
 */
export function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

function isSpace(c: number): boolean {
  return c <= 32 || (c >= 0x7f && c <= 0x9f) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x202f || c === 0x205f || c === 0x1680;
}

function splitBy(text: string, separator: RegExp): Span[] {
  const spans: Span[] = [];
  const re = new RegExp(separator.source, 'g');
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const span = trimSpan(text, from, m.index);
    if (span !== null) spans.push(span);
    from = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  const last = trimSpan(text, from, text.length);
  if (last !== null) spans.push(last);
  return spans;
}

/** Lines that end in "<" (an agency feed's paragraph end), counted up to three. */
function countFeedEnds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('<\n'); i >= 0 && n < 3; i = text.indexOf('<\n', i + 2)) n++;
  if (n < 3 && text.trimEnd().endsWith('<')) n++;
  return n;
}

/** The paragraph segmenter (blank lines, else single line breaks). */
export const paragraphSegmenter: Segmenter = {
  segment(text: string): Span[] {
    // CR-only and CRLF line ends count as line ends; offsets stay those of `text`.
    const unified = text.includes('\r') ? text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n')) : text;
    // An agency feed's layout (Press Association's): every paragraph ends in "<" and its lines
    // are hard-wrapped; the "<" is the paragraph end and stays out of the paragraph.
    if (countFeedEnds(unified) >= 3) return splitBy(unified, /(?:<[^\S\n]*(?:\n|$)|\n[^\S\n]*\n)\s*/);
    if (BLANK_LINE.test(unified)) return splitBy(unified, /\n[^\S\n]*\n\s*/);
    return splitBy(unified, LINE_BREAK);
  },
};

/**
 * Splits text into paragraphs with offsets into `text`.
 *
 * @param text - The article text.
 * @returns Non-empty, trimmed paragraph spans in order.
 * @throws TypeError when `text` is not a string.
 * @example
 * ```ts
 * segmentParagraphs('One.\n\nTwo.'); // [{ start: 0, end: 4 }, { start: 6, end: 10 }]
 * ```
 */
export function segmentParagraphs(text: string): Span[] {
  assertString('text', text);
  return paragraphSegmenter.segment(text);
}

/**
 * Splits a span of text into its lines (trimmed, non-empty), offsets into `text`.
 *
 * @param text - The whole text.
 * @param span - The part to split (defaults to all of it).
 * @returns Line spans.
 */
export function segmentLines(text: string, span: Span = { start: 0, end: text.length }): Span[] {
  const out: Span[] = [];
  let from = span.start;
  for (let i = span.start; i <= span.end; i++) {
    const c = i < span.end ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      const s = trimSpan(text, from, i);
      if (s !== null) out.push(s);
      from = i + 1;
    }
  }
  return out;
}
