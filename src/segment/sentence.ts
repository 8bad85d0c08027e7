/**
 * Sentences, by `Intl.Segmenter` sentence granularity (the approach jsdiff recommends for
 * non-English text), then repaired where news text fools it: a break after an abbreviation
 * ("U.S.", "Gen.", "No.", "Mr.") or an initial, or before a lower-case word or a digit, is
 * not a sentence end.
 */

import { assertString } from '../errors.js';
import { segmentParagraphs, trimSpan, type Segmenter, type Span } from './paragraph.js';

/** A sentence: its span in the original text and the paragraph it belongs to. */
export interface Sentence extends Span {
  /** Index of the paragraph (from `segmentParagraphs`) holding the sentence. */
  readonly paragraph: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'sgt', 'adm', 'gov', 'sen', 'rep',
  'rev', 'st', 'mt', 'ft', 'no', 'nos', 'vol', 'art', 'sec', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'vs', 'v',
  'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'approx', 'dept', 'est',
  'u.s', 'u.k', 'u.n', 'e.u', 'u.s.a', 'u.a.e', 'd.c', 'ph.d', 'fig', 'pp', 'ave', 'blvd',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);

let sentenceSegmenter: Intl.Segmenter | undefined;

function endsWithAbbreviation(s: string): boolean {
  // Only the tail is examined, so a pathological 100,000-character "word" stays linear.
  const m = /(?<![\p{L}.])([\p{L}.]{1,12})\.["'”’)\]]*\s*$/u.exec(s.slice(-24));
  if (m === null) return false;
  const word = m[1]!.toLowerCase().replace(/^\.+/, '');
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital initial ("J. Smith").
  return /^\p{Lu}$/u.test(m[1]!);
}

/**
 * V8's `Intl.Segmenter` slows down more than linearly on long strings (4,000 short sentences in
 * one paragraph take 10x the time of 2,000), so long paragraphs go to it in chunks cut after a
 * sentence end ("." "!" "?" and a space) near this many characters.
 */
const CHUNK = 2000;

/** Chunks `[from, to, cutAtSentenceEnd]`: a cut elsewhere joins the sentences on either side. */
function chunks(text: string): Array<[number, number, boolean]> {
  const out: Array<[number, number, boolean]> = [];
  let from = 0;
  while (text.length - from > CHUNK) {
    let cut = -1;
    let atEnd = true;
    // The last sentence end in the second half of the window, else a hard cut.
    for (let i = from + CHUNK; i > from + CHUNK / 2; i--) {
      const c = text.charCodeAt(i - 1);
      if ((c === 46 || c === 33 || c === 63) && /\s/.test(text[i] ?? '')) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      atEnd = false;
      cut = from + CHUNK;
      const c = text.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut++; // keep surrogate pairs whole
    }
    out.push([from, cut, atEnd]);
    from = cut;
  }
  out.push([from, text.length, true]);
  return out;
}

const WRAP = /[\n\r\u2028\u2029]/;
const WRAPS = /[\n\r\u2028\u2029]/g;

/** The sentence segmenter for one paragraph's text. */
export const sentenceSplitter: Segmenter = {
  segment(text: string): Span[] {
    sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
    const raw: Span[] = [];
    let join = false;
    for (const [from, to, atEnd] of chunks(text)) {
      // A line break inside a paragraph is a hard wrap, not a sentence end (Intl.Segmenter ends
      // a sentence at every line break): the segmenter sees a space there, offsets stay the same.
      const slice = from === 0 && to === text.length ? text : text.slice(from, to);
      const part = WRAP.test(slice) ? slice.replace(WRAPS, ' ') : slice;
      for (const s of sentenceSegmenter.segment(part)) {
        const span = trimSpan(text, from + s.index, from + s.index + s.segment.length);
        if (span === null) continue;
        const prev = raw[raw.length - 1];
        if (prev !== undefined && join) {
          // The chunk was cut mid-sentence: its first piece continues the last sentence.
          raw[raw.length - 1] = { start: prev.start, end: span.end };
          join = false;
          continue;
        }
        join = false;
        if (prev !== undefined) {
          const first = text.charCodeAt(span.start);
          const startsLower = /[\p{Ll}\d]/u.test(String.fromCharCode(first));
          if (startsLower || endsWithAbbreviation(text.slice(Math.max(prev.start, prev.end - 24), prev.end))) {
            raw[raw.length - 1] = { start: prev.start, end: span.end };
            continue;
          }
        }
        raw.push(span);
      }
      join = !atEnd;
    }
    return raw;
  },
};

/**
 * Splits text into sentences within paragraphs, with offsets into `text`.
 *
 * @param text - The article text.
 * @param paragraphs - Paragraph spans to use (default: `segmentParagraphs(text)`).
 * @returns Sentences in order.
 * @throws TypeError when `text` is not a string.
 * @example
 * ```ts
 * segmentSentences('Gen. Smith spoke. The U.S. agreed.').length; // 2
 * ```
 */
export function segmentSentences(text: string, paragraphs: readonly Span[] = segmentParagraphs(text)): Sentence[] {
  assertString('text', text);
  const out: Sentence[] = [];
  paragraphs.forEach((p, paragraph) => {
    for (const s of sentenceSplitter.segment(text.slice(p.start, p.end))) {
      out.push({ start: p.start + s.start, end: p.start + s.end, paragraph });
    }
  });
  return out;
}
