/**
 * Words as the diff sees them: each with its text of origin, whether it sits inside a quotation
 * and whether it is a name, so a diff can quote either side exactly and classify what changed.
 */

import type { Passage } from '../document/passage.js';
import { isNumberWord, numberValue } from '../normalize/numbers.js';
import { foldSpelling } from '../normalize/spelling.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import { quotedSpans } from './quotes.js';

/** A word with its text of origin, so a diff can quote either side exactly. */
export interface SourcedWord {
  /** Normalised form (NFKC, lower case). */
  readonly norm: string;
  /** Matching form (spelling variants folded): what the diff aligns on. */
  readonly match: string;
  /** Offset of the word in `source`. */
  readonly start: number;
  /** Offset after the word in `source`. */
  readonly end: number;
  /** The full text the offsets point into. */
  readonly source: string;
  /** Whether the word is inside quotation marks in its source. */
  readonly quoted: boolean;
  /** Which quotation of its source it is in (an index), when `quoted`. */
  readonly quoteId?: number;
  /** Whether the word is written with a capital letter and is not a sentence's first word. */
  readonly capitalised: boolean;
}

const UPPER_START = /^\p{Lu}/u;
const OPENS_QUOTE = /^[“"«‘'„]$/u;

/**
 * Index of the quotation holding offset `at`, or -1: a binary search for the last quotation
 * starting at or before it (an article of thousands of quotation marks scanned them all for
 * every word), then back over the few that start earlier and may still enclose it.
 */
function quoteIndex(spans: ReadonlyArray<[number, number]>, at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1, steps = 0; i >= 0 && steps < 8; i--, steps++) if (at < spans[i]![1]) return i;
  return -1;
}

const LOWER_START = /^\p{Ll}/u;

/**
 * Normalised words the documents write in lower case somewhere (see {@link sourceWords}).
 *
 * @param docs - The documents' texts and passages.
 * @param seen - A set to add them to (a folder's documents, one at a time).
 * @returns The set of normalised words.
 */
export function lowerCaseWords(docs: ReadonlyArray<{ readonly text: string; readonly passages: readonly Passage[] }>, seen: Set<string> = new Set()): Set<string> {
  for (const d of docs) for (const p of d.passages) for (const w of p.words) if (LOWER_START.test(d.text[w.start]!)) seen.add(w.norm);
  return seen;
}

/**
 * The diff words of a document's passages: quotation membership, and whether a capitalised
 * word is a name (a capitalised first word is not, when the input also writes it in lower case).
 *
 * @param text - The document's text.
 * @param passages - Its passages.
 * @param lowerSeen - Normalised words the input writes in lower case somewhere.
 * @returns One word list per passage.
 */
export function sourceWords(text: string, passages: readonly Passage[], lowerSeen: ReadonlySet<string>): SourcedWord[][] {
  const quotes = quotedSpans(text);
  return passages.map((p) =>
    p.words.flatMap((w, k) => {
      // A lone underscore is an agency feed's dash (PA: "Edmonds _ who earned"), not a word.
      if (/^_+$/.test(w.norm)) return [];
      const q = quoteIndex(quotes, w.start);
      return {
        norm: w.norm,
        match: w.match,
        start: w.start,
        end: w.end,
        source: text,
        quoted: q >= 0,
        quoteId: q,
        // A capital that opens a sentence or a quotation says nothing when the input also writes
        // the word in lower case.
        capitalised: UPPER_START.test(text[w.start]!) && !STOPWORDS.has(w.norm) && ((k > 0 && !OPENS_QUOTE.test(text[w.start - 1] ?? '')) || !lowerSeen.has(w.norm)),
      };
    }),
  );
}

/**
 * The figures (number values) and names (folded) some passages state: what a diff's
 * `elsewhere` holds for the whole wire text and the whole outlet article.
 *
 * @param passages - Their sourced words.
 * @returns The figures and names.
 */
export function figuresAndNames(passages: Iterable<readonly SourcedWord[]>): Set<string> {
  const out = new Set<string>();
  for (const words of passages)
    for (const w of words) {
      if (isNumberWord(w.norm)) out.add(numberValue(w.norm));
      if (w.capitalised) out.add(foldSpelling(w.norm));
    }
  return out;
}
