/**
 * Normalisation: Unicode NFKC, case folding, quote/dash folding and whitespace collapsing,
 * with a map from every normalised character back to the span of the original text it came
 * from. Every later stage works on normalised text but reports offsets into the user's string.
 *
 * Why per code point (plus its combining marks) rather than `text.normalize()` on the whole
 * string: NFKC changes lengths ("ﬁ" → "fi", "…" → "..."), so a whole-string call loses the
 * offsets. Normalising each base character together with the marks that follow it keeps
 * composition ("e" + U+0301 → "é") and lets every output character point at its source.
 */

import { assertString } from '../errors.js';

/** Normalised text plus the way back to the original. */
export interface NormalizedText {
  /** The normalised text. */
  readonly text: string;
  /** `starts[i]` is the UTF-16 offset in the original where normalised character `i` begins. */
  readonly starts: Uint32Array;
  /** `ends[i]` is the UTF-16 offset in the original where normalised character `i` ends. */
  readonly ends: Uint32Array;
}

// Apostrophes and primes fold to ', double quotes and guillemets to ", dashes and minus to -.
const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2035, 0x02bc, 0x02b9, 0xff07, 0x0060, 0x00b4]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x2036, 0x00ab, 0x00bb, 0x02ba, 0x301d, 0x301e, 0xff02]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d, 0x2e3a, 0x2e3b]);
// Invisible format characters: dropped, so "Kara\u200Bbakh" matches "Karabakh".
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x061c]);

// Confusables (UTS #39): Cyrillic and Greek letters that look like Latin ones fold to them, so a
// copy that swaps "а" (U+0430) for "a" matches its source. The text shown is never changed.
const CONFUSABLE = new Map<number, string>([
  // Cyrillic: а е о р с у х і ј ѕ ԁ ԛ ԝ һ ӏ, and the lower cases of В Н К М Т
  [0x0430, 'a'], [0x0435, 'e'], [0x043e, 'o'], [0x0440, 'p'], [0x0441, 'c'], [0x0443, 'y'], [0x0445, 'x'],
  [0x0456, 'i'], [0x0458, 'j'], [0x0455, 's'], [0x0501, 'd'], [0x051b, 'q'], [0x051d, 'w'], [0x04bb, 'h'], [0x04cf, 'l'],
  [0x0432, 'b'], [0x043d, 'h'], [0x043a, 'k'], [0x043c, 'm'], [0x0442, 't'],
  // Greek: α ο ρ ν τ υ ι κ χ ε, and the lower cases of Β Η Μ Ζ
  [0x03b1, 'a'], [0x03bf, 'o'], [0x03c1, 'p'], [0x03bd, 'v'], [0x03c4, 't'], [0x03c5, 'u'], [0x03b9, 'i'], [0x03ba, 'k'],
  [0x03c7, 'x'], [0x03b5, 'e'], [0x03b2, 'b'], [0x03b7, 'h'], [0x03bc, 'm'], [0x03b6, 'z'],
]);

const COMBINING = /\p{M}/u;
const SPACE = /\s/u;

/**
 * Folds one already NFKC-normalised, lower-cased character (a code unit string) to its
 * matching form: curly quotes to straight ones, dashes to "-", whitespace to " ", invisible
 * format characters and variation selectors to "", Latin look-alikes to their Latin letter.
 */
function foldChar(code: number, ch: string): string {
  if (SINGLE_QUOTES.has(code)) return "'";
  if (DOUBLE_QUOTES.has(code)) return '"';
  if (DASHES.has(code)) return '-';
  if (INVISIBLE.has(code) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || (code >= 0xfe00 && code <= 0xfe0f)) return '';
  const latin = CONFUSABLE.get(code);
  if (latin !== undefined) return latin;
  if (SPACE.test(ch)) return ' ';
  if (code === 0) return ' ';
  return ch;
}

/**
 * Normalises text for matching and keeps a map back to the original.
 *
 * NFKC, lower case, curly quotes → straight, dashes → "-", invisible format characters
 * removed, Cyrillic and Greek look-alikes of Latin letters folded to them (UTS #39 confusables), lone surrogates → U+FFFD, NUL and every run of white space → one space, and no
 * space at either end. The function is idempotent.
 *
 * @param text - Any string; lone surrogates and NUL bytes are tolerated.
 * @returns The normalised text with `starts`/`ends` maps into `text`.
 * @throws TypeError when `text` is not a string.
 * @example
 * ```ts
 * const n = normalizeText('“Hello”  World');
 * n.text; // '"hello" world'
 * ```
 */
export function normalizeText(text: string): NormalizedText {
  assertString('text', text);
  const len = run(text);
  return { text: decodeUnits(scratch.codes, len), starts: scratch.starts.slice(0, len), ends: scratch.ends.slice(0, len) };
}

/**
 * The normalised text alone, without the offset maps: the same string as
 * `normalizeText(text).text`, for hot paths (sketching) that never map back.
 *
 * @param text - Any string.
 * @returns The normalised text.
 * @throws TypeError when `text` is not a string.
 */
export function normalizeKey(text: string): string {
  assertString('text', text);
  // Pure ASCII (most English copy): the engine's own string functions do the same job faster.
  if (ASCII_ONLY.test(text)) return text.replace(ASCII_SPACE, ' ').trim().toLowerCase().replace(/`/g, "'");
  return decodeUnits(scratch.codes, run(text));
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_SPACE = /[\t\n\v\f\r \x00]+/g;

// One set of output buffers, reused by every call (allocating typed arrays per call costs more
// than normalising a paragraph). Calls never nest, so sharing them is safe.
const scratch = {
  codes: new Uint16Array(1024),
  starts: new Uint32Array(1024),
  ends: new Uint32Array(1024),
};

function grow(min: number): void {
  const cap = Math.max(min, scratch.codes.length * 2);
  const codes = new Uint16Array(cap);
  codes.set(scratch.codes);
  const starts = new Uint32Array(cap);
  starts.set(scratch.starts);
  const ends = new Uint32Array(cap);
  ends.set(scratch.ends);
  scratch.codes = codes;
  scratch.starts = starts;
  scratch.ends = ends;
}

/** Normalises `text` into the scratch buffers; returns the output length. */
function run(text: string): number {
  const n = text.length;
  if (scratch.codes.length < n + 16) grow(n + 16);
  let codes = scratch.codes;
  let starts = scratch.starts;
  let ends = scratch.ends;
  let len = 0;
  let pendingSpace = false;
  let spaceStart = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && !(i + 1 < n && text.charCodeAt(i + 1) >= 0x300 && COMBINING.test(text[i + 1]!))) {
      // ASCII fast path (no combining mark follows): only case, white space and ` change.
      if (code === 32 || (code >= 9 && code <= 13) || code === 0) {
        if (len > 0 && !pendingSpace) {
          pendingSpace = true;
          spaceStart = i;
        }
        i++;
        continue;
      }
      if (pendingSpace) {
        codes[len] = 32;
        starts[len] = spaceStart;
        ends[len] = i;
        len++;
        pendingSpace = false;
      }
      codes[len] = code >= 65 && code <= 90 ? code + 32 : code === 0x60 ? 0x27 : code;
      starts[len] = i;
      ends[len] = i + 1;
      len++;
      i++;
      continue;
    }
    // A code point (surrogate pair aware) plus any combining marks that follow it.
    let end = i + 1;
    let unit = text[i]!;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        end = i + 2;
        unit = text.slice(i, end);
      } else unit = '\ufffd';
    } else if (code >= 0xdc00 && code <= 0xdfff) unit = '\ufffd';
    else if (code === 0) unit = ' ';
    let group = unit;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c < 0x300) break;
      const ch = text[end]!;
      if (!COMBINING.test(ch)) break;
      group += ch;
      end++;
    }
    const folded = foldGroup(group);
    for (let k = 0; k < folded.length; k++) {
      const c = folded.charCodeAt(k);
      if (c === 32) {
        if (len > 0 && !pendingSpace) {
          pendingSpace = true;
          spaceStart = i;
        }
        continue;
      }
      if (len + 2 > codes.length) {
        grow(len + 2);
        codes = scratch.codes;
        starts = scratch.starts;
        ends = scratch.ends;
      }
      if (pendingSpace) {
        // The space may come from this very group (NFKC of "´" is " ́"): never an empty span.
        codes[len] = 32;
        starts[len] = spaceStart;
        ends[len] = Math.max(i, spaceStart + 1);
        len++;
        pendingSpace = false;
      }
      codes[len] = c;
      starts[len] = i;
      ends[len] = end;
      len++;
    }
    i = end;
    // An expansion ("ﬃ" → "ffi") must leave room for the ASCII path, which does not check.
    if (codes.length < len + (n - i) + 16) {
      grow(len + (n - i) + 16);
      codes = scratch.codes;
      starts = scratch.starts;
      ends = scratch.ends;
    }
  }
  return len;
}

// Curly quotes, dashes and accented letters recur in every article: fold each one once.
const groupCache = new Map<string, string>();

function foldGroup(group: string): string {
  let folded = groupCache.get(group);
  if (folded === undefined) {
    folded = '';
    for (const ch of group.normalize('NFKC').toLowerCase().normalize('NFKC')) folded += foldChar(ch.codePointAt(0)!, ch);
    if (groupCache.size < 65536) groupCache.set(group, folded);
  }
  return folded;
}

function decodeUnits(codes: Uint16Array, len: number): string {
  let out = '';
  for (let k = 0; k < len; k += 8192) out += String.fromCharCode.apply(null, codes.subarray(k, Math.min(len, k + 8192)) as unknown as number[]);
  return out;
}

/**
 * Maps a span of normalised text back to the span of the original it came from.
 *
 * @param norm - The result of {@link normalizeText}.
 * @param start - Start offset in `norm.text`.
 * @param end - End offset in `norm.text` (exclusive).
 * @returns `[start, end]` in the original text.
 */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): [number, number] {
  if (norm.text.length === 0) return [0, 0];
  if (end <= start) {
    const at = start < norm.starts.length ? norm.starts[start]! : norm.ends[norm.ends.length - 1]!;
    return [at, at];
  }
  return [norm.starts[start]!, norm.ends[end - 1]!];
}
