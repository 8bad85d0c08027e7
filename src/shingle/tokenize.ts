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

const NO_SPACE_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// Character classes: 1 letter or mark, 2 digit, 3 connector punctuation ("_"), 0 other.
const LETTER = 1;
const DIGIT = 2;
const CONNECTOR = 3;
const LETTER_RE = /[\p{L}\p{M}]/u;
const DIGIT_RE = /\p{N}/u;
const CONNECTOR_RE = /\p{Pc}/u;
// Classes of the Basic Multilingual Plane, filled in as characters are met (255 = not yet).
const bmp = new Uint8Array(0x10000).fill(255);

function classOf(ch: string): number {
  return LETTER_RE.test(ch) ? LETTER : DIGIT_RE.test(ch) ? DIGIT : CONNECTOR_RE.test(ch) ? CONNECTOR : 0;
}

/** Class of the character at `i` (a surrogate pair is classified as one code point). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOf(text.slice(i, i + 2));
  }
  let k = bmp[c]!;
  if (k === 255) bmp[c] = k = classOf(String.fromCharCode(c));
  return k;
}

/** Length in code units of the character at `i`. */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

// Joiners (UAX #29): between letters MidLetter/MidNumLet, between digits MidNum/MidNumLet.
const BETWEEN_LETTERS = new Set([0x27, 0x2e, 0x2019, 0x3a, 0xb7]);
const BETWEEN_DIGITS = new Set([0x2e, 0x2c, 0x3b, 0x27, 0x2019]);

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
  // A linear scan: every character is classified once, joiners look one character ahead.
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let k = classAt(text, i);
    if (k === 0) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    let last = k;
    i += widthAt(text, i);
    while (i < n) {
      k = classAt(text, i);
      if (k !== 0) {
        last = k;
        i += widthAt(text, i);
        continue;
      }
      const j = text.charCodeAt(i);
      if (i + 1 >= n) break;
      const next = classAt(text, i + 1);
      const joins = (last === LETTER && next === LETTER && BETWEEN_LETTERS.has(j)) || (last === DIGIT && next === DIGIT && BETWEEN_DIGITS.has(j));
      if (!joins) break;
      i += 1;
    }
    tokens.push({ text: text.slice(start, i), start, end: i });
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
  // The engine's dictionary segmentation (Thai, Lao, Khmer, Myanmar) grows faster than linearly
  // on one long run (80,000 Thai characters: 1.8 s, against 38 ms for 40,000): it is fed pieces
  // of at most WORD_CHUNK characters, cut at white space (or, in a run without any, at a
  // character boundary).
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + WORD_CHUNK);
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > from + WORD_CHUNK / 2) to = space + 1;
      else if (isLowSurrogate(text.charCodeAt(to))) to--;
    }
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const s of wordSegmenter.segment(part)) {
      if (s.isWordLike) tokens.push({ text: s.segment, start: from + s.index, end: from + s.index + s.segment.length });
    }
    from = to;
  }
  return tokens;
}

/** Longest piece of text given to the engine's word segmenter at once. */
const WORD_CHUNK = 4096;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
