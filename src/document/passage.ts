/**
 * Passages: the body sentences of every article, with the word tokens (offsets into the
 * original text), the word-trigram set and the content-word set that linking compares.
 */

import { normalizeText } from '../normalize/normalize.js';
import { isNumberWord } from '../normalize/numbers.js';
import { stemWord } from '../normalize/stem.js';
import { foldSpelling } from '../normalize/spelling.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import type { Span } from '../segment/paragraph.js';
import { hashWords, shingleWords, toShingleSet } from '../shingle/shingle.js';
import { tokenizeWords } from '../shingle/tokenize.js';

/** A word of a passage. */
export interface Word {
  /** Normalised form (NFKC, lower case, straight quotes). */
  readonly norm: string;
  /** Matching form: spelling variants, possessives and diacritics folded. */
  readonly match: string;
  /** Offset in the original document text. */
  readonly start: number;
  /** Offset after the word in the original document text. */
  readonly end: number;
}

/** A body sentence of one document, ready for comparison. */
export interface Passage extends Span {
  /** Index of the document in the input. */
  readonly doc: number;
  /** Position among the document's passages. */
  readonly index: number;
  /** Index of the body paragraph it sits in. */
  readonly paragraph: number;
  /** Its words. */
  readonly words: readonly Word[];
  /** Sorted set of word-trigram hashes over matching forms. */
  readonly trigrams: Uint32Array;
  /** Content words (matching forms folded to their stems, function words left out). */
  readonly content: ReadonlySet<string>;
  /** The numbers it states (normalised words), in order: the facts a formula sentence varies. */
  readonly numbers: readonly string[];
}

/** Words of a span of `text`, offsets into `text`. */
export function wordsOf(text: string, span: Span): Word[] {
  const norm = normalizeText(text.slice(span.start, span.end));
  return tokenizeWords(norm.text).map((t) => ({
    norm: t.text,
    match: foldSpelling(t.text),
    start: span.start + norm.starts[t.start]!,
    end: span.start + norm.ends[t.end - 1]!,
  }));
}

/**
 * Builds the passage of one sentence.
 *
 * @param text - The document text.
 * @param doc - Document index.
 * @param index - Passage position in the document.
 * @param span - The sentence span (with its paragraph index).
 * @returns The passage.
 */
export function buildPassage(text: string, doc: number, index: number, span: Span & { paragraph: number }): Passage {
  const words = wordsOf(text, span);
  const hashes = hashWords(words.map((w) => w.match));
  const content = new Set<string>();
  for (const w of words) if (!STOPWORDS.has(w.match) && w.match.length > 1) content.add(stemWord(w.match));
  return {
    start: span.start,
    end: span.end,
    doc,
    index,
    paragraph: span.paragraph,
    words,
    trigrams: toShingleSet(shingleWords(hashes, { k: 3 })),
    content,
    numbers: words.filter((w) => isNumberWord(w.norm)).map((w) => w.norm),
  };
}
