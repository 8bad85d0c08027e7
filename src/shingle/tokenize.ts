/**
 * Word tokens. Languages written with spaces are tokenised by a linear regular expression that
 * follows the Unicode word-boundary rules (UAX #29) that matter for news text: letters, marks
 * and digits form words; an apostrophe or full stop joins letters ("azerbaijan's", "u.s");
 * a full stop, comma or semicolon joins digits ("3.5", "120,000"). Scripts written without
 * spaces (Han, Kana, Thai, Lao, Khmer, Myanmar) go through `Intl.Segmenter` word granularity,
 * whose dictionaries find their word breaks. A test checks the two agree on the seed corpus.
 */

/** A word token: its text and UTF-16 offsets into the string it was cut from. */
export interface Token {
  /** The token text, as it appears in the tokenised string. */
  readonly text: string;
  /** Offset of the first code unit. */
  readonly start: number;
  /** Offset after the last code unit. */
  readonly end: number;
}

// Character classes are disjoint from the joiners, so the pattern cannot backtrack.
const WORD =
  /[\p{L}\p{M}\p{N}\p{Pc}]+(?:(?:(?<=[\p{L}\p{M}])['.\u2019:\u00b7][\p{L}\p{M}][\p{L}\p{M}\p{N}\p{Pc}]*)|(?:(?<=\p{N})[.,;'\u2019]\p{N}[\p{L}\p{M}\p{N}\p{Pc}]*))*/gu;
const NO_SPACE_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Splits text into word tokens with offsets.
 *
 * @param text - Text to tokenise (usually the output of `normalizeText`).
 * @returns Tokens in order; punctuation and spaces are not tokens.
 * @example
 * ```ts
 * tokenizeWords("Baku's 3.5 km").map((t) => t.text); // ["Baku's", "3.5", "km"]
 * ```
 */
export function tokenizeWords(text: string): Token[] {
  if (NO_SPACE_SCRIPTS.test(text)) return tokenizeWithSegmenter(text);
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Tokenises with `Intl.Segmenter` word granularity only (no fast path); exported for tests
 * and for callers who want the engine's own rules everywhere.
 */
export function tokenizeWithSegmenter(text: string): Token[] {
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const tokens: Token[] = [];
  for (const s of wordSegmenter.segment(text)) {
    if (s.isWordLike) tokens.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return tokens;
}
