/**
 * Word-level diffs between a passage and the canonical wire text it derives from, made with
 * the `diff` package (Myers, "An O(ND) Difference Algorithm and its Variations", 1986) over
 * normalised words, so case, curly quotes and punctuation alone never count as a change.
 * Each run of changed words is classified by `classify.ts`; `cleanup.ts` folds function-word
 * runs between edits.
 */

import { diffArrays } from 'diff';
import stringSimilarity from 'string-similarity';
import { foldSpelling } from '../normalize/spelling.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import type { ChangeType, DiffPart } from '../types.js';
import { classify, sliceRun } from './classify.js';
import { cleanupOps } from './cleanup.js';
import type { SourcedWord } from './sourced.js';

/** A classified change. Offsets are into the passage's document (`start === end` for a cut). */
export interface Change {
  /** What kind of change it is. */
  readonly type: ChangeType;
  /** Start offset in the outlet's text. */
  readonly start: number;
  /** End offset in the outlet's text. */
  readonly end: number;
  /** The canonical (wire) words replaced. */
  readonly from: string;
  /** The outlet's words. */
  readonly to: string;
}

/** The comparison of one passage with its canonical text. */
export interface PassageDiff {
  /** Same words as the canonical after normalisation. */
  readonly verbatim: boolean;
  /** Dice similarity of the two normalised texts (`string-similarity`), 0..1. */
  readonly similarity: number;
  /** Share of the canonical words kept in order, 0..1. */
  readonly kept: number;
  /** Inline diff in reading order. */
  readonly parts: readonly DiffPart[];
  /** Classified changes. */
  readonly changes: readonly Change[];
}

/** Options for {@link diffPassage}. */
export interface DiffOptions {
  /**
   * Below this share of kept canonical words the diff is shown as one replacement, not a
   * confetti of one-word matches.
   * @default 1/3
   */
  minKept?: number;
  /** Start offset of the passage in its document, so leading punctuation (an opening quote) shows. */
  passageStart?: number;
  /** End offset of the passage in its document, so trailing punctuation shows in the diff. */
  passageEnd?: number;
  /**
   * Figures (number values) and names (folded) of the whole wire text and of the whole outlet
   * article: a figure or name the outlet only adds that the wire states elsewhere, or only drops
   * that the outlet states elsewhere, was moved between sentences, not changed.
   */
  elsewhere?: { readonly wire: ReadonlySet<string>; readonly outlet: ReadonlySet<string> };
}

/**
 * Diffs a passage against its canonical text (several canonical texts when the outlet merged
 * wire sentences: pass their words concatenated).
 *
 * @param canonical - Words of the canonical text(s).
 * @param passage - Words of the outlet's passage (their `source` is the outlet's document).
 * @param options - `minKept`.
 * @returns The inline diff, its changes and similarity.
 * @example
 * ```ts
 * const d = diffPassage(wordsOfWire, wordsOfOutlet);
 * d.changes; // [{ type: 'wording', from: 'growing', to: 'building', … }]
 * ```
 */
export function diffPassage(
  canonical: readonly SourcedWord[],
  passage: readonly SourcedWord[],
  options: DiffOptions = {},
): PassageDiff {
  const minKept = options.minKept ?? 1 / 3;
  const passageEnd = options.passageEnd;
  const a = canonical.map((w) => w.match);
  const b = passage.map((w) => w.match);
  const similarity = wordSimilarity(canonical, passage);
  // Align on matching forms, so "defense"/"defence" is one spelling change, not a rewrite. The
  // diff is bounded (Myers is O((N+M)·D)): past MAX_EDITS edits the passage is one replacement.
  const bounded = diffArrays(a, b, { maxEditLength: MAX_EDITS });
  const rawOps = bounded ?? [
    { removed: true, added: false, count: a.length, value: a },
    { added: true, removed: false, count: b.length, value: b },
  ];
  let equalCount = 0;
  for (const op of rawOps) if (!op.added && !op.removed) equalCount += op.count ?? op.value.length;
  const ops = cleanupOps(rawOps, (words) => words.every((w) => STOPWORDS.has(w)));
  // Quotations of the passage that keep at least one wire word.
  const keptQuotes = new Set<number>();
  {
    let ib = 0;
    for (const op of rawOps) {
      const count = op.count ?? op.value.length;
      if (op.removed) continue;
      if (!op.added) for (let k = 0; k < count; k++) {
        const w = passage[ib + k]!;
        if (w.quoted && w.quoteId !== undefined) keptQuotes.add(w.quoteId);
      }
      ib += count;
    }
  }
  const kept = a.length === 0 ? 0 : equalCount / a.length;
  const sameSpelling = canonical.every((w, k) => passage[k]?.norm === w.norm);
  const verbatim = a.length === b.length && equalCount === a.length && sameSpelling;
  const passageText = passage[0]?.source ?? '';

  if (!verbatim && kept < minKept) {
    // Little survives: one replacement reads better than scattered one-word matches.
    const to = passage.length > 0 ? passageText.slice(passage[0]!.start, passage[passage.length - 1]!.end) : '';
    const at = passage[0]?.start ?? 0;
    return {
      verbatim,
      similarity,
      kept: round(kept),
      parts: [
        { op: 'delete', text: sliceRun(canonical) },
        { op: 'insert', text: to },
      ],
      changes: [{ type: 'rewritten', start: at, end: passage.length > 0 ? passage[passage.length - 1]!.end : at, from: sliceRun(canonical), to }],
    };
  }

  const namesOf = (ws: readonly SourcedWord[]): Set<string> => new Set(ws.filter((w) => w.capitalised).map((w) => foldSpelling(w.norm)));
  const names = { wire: namesOf(canonical), outlet: namesOf(passage), ...(options.elsewhere !== undefined ? { elsewhere: options.elsewhere } : {}) };
  const parts: DiffPart[] = [];
  const changes: Change[] = [];
  const push = (op: DiffPart['op'], text: string): void => {
    if (text.length === 0) return;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.op === op) parts[parts.length - 1] = { op, text: last.text + text };
    else parts.push({ op, text });
  };
  let ia = 0;
  let ib = 0;
  let prevEnd = Math.min(options.passageStart ?? Infinity, passage[0]?.start ?? 0);
  let removed: SourcedWord[] = [];
  let added: SourcedWord[] = [];
  const quoteOf: number[] = [];
  const edge: number[] = [];
  const flush = (): void => {
    if (removed.length === 0 && added.length === 0) return;
    const start = added.length > 0 ? added[0]!.start : ib < passage.length ? passage[ib]!.start : prevEnd;
    const end = added.length > 0 ? added[added.length - 1]!.end : start;
    const to = added.length > 0 ? passageText.slice(start, end) : '';
    // A deletion sits inside a quotation when the outlet's words on both sides are in the same one.
    const before = passage[ib - added.length - 1];
    const after = passage[ib];
    const keptQuoteOf = (w: SourcedWord | undefined): number => (w !== undefined && w.quoted && w.quoteId !== undefined && keptQuotes.has(w.quoteId) ? w.quoteId : -1);
    const gapInQuote = added.length === 0 && keptQuoteOf(before) >= 0 && keptQuoteOf(before) === keptQuoteOf(after);
    const type = classify(removed, added, keptQuotes, gapInQuote, names);
    changes.push({ type, start, end, from: removed.length > 0 ? sliceRun(removed) : '', to });
    // Which outlet quotation the change is in (for the edge rule below), and edge deletions.
    const inside = added.length > 0 ? keptQuoteOf(added.find((w) => keptQuoteOf(w) >= 0)) : gapInQuote ? keptQuoteOf(before) : -1;
    quoteOf.push(type === 'quote' ? inside : -1);
    edge.push(added.length === 0 && !gapInQuote && removed.some((w) => w.quoted) ? Math.max(keptQuoteOf(before), keptQuoteOf(after)) : -1);
    removed = [];
    added = [];
  };
  const emitPassageWord = (op: 'equal' | 'insert', w: SourcedWord): void => {
    push(op === 'equal' ? 'equal' : 'insert', passageText.slice(prevEnd, w.end));
    prevEnd = w.end;
  };
  for (const op of ops) {
    const count = op.count;
    if (op.removed) {
      const run = canonical.slice(ia, ia + count);
      removed.push(...run);
      // Deleted words carry no separator; renderers space them (see `renderDiffParts`).
      push('delete', sliceRun(run));
      ia += count;
    } else if (op.added) {
      const run = passage.slice(ib, ib + count);
      added.push(...run);
      for (const w of run) emitPassageWord('insert', w);
      ib += count;
    } else {
      flush();
      for (let k = 0; k < count; k++) {
        const cw = canonical[ia + k]!;
        const pw = passage[ib + k]!;
        if (cw.norm !== pw.norm) {
          // Same word in another spelling: shown and reported as a spelling change.
          push('delete', cw.source.slice(cw.start, cw.end));
          emitPassageWord('insert', pw);
          // A dropped or added possessive ("Azerbaijan’s" → "Azerbaijan") is grammar, not spelling.
          const possessive = cw.norm.replace(/'s$/, '') === pw.norm.replace(/'s$/, '');
          changes.push({
            type: possessive ? 'wording' : 'spelling',
            start: pw.start,
            end: pw.end,
            from: cw.source.slice(cw.start, cw.end),
            to: passageText.slice(pw.start, pw.end),
          });
        } else emitPassageWord('equal', pw);
      }
      ia += count;
      ib += count;
    }
  }
  flush();
  // Punctuation after the last word (a full stop, a closing quote) belongs to the passage.
  const last = passage[passage.length - 1];
  if (last !== undefined && parts.length > 0) {
    const tailEnd = passageEnd ?? last.end;
    if (tailEnd > last.end) push(parts[parts.length - 1]!.op === 'delete' ? 'equal' : parts[parts.length - 1]!.op, passageText.slice(last.end, tailEnd));
  }
  // Quoted wire words cut at the edge of an outlet's quotation that is altered elsewhere belong
  // to that altered quote ("Localised anti-terrorist measures…" quoted as "Anti-terrorist
  // operations…"); a quotation that is only shortened at its edges is a fair partial quote.
  const altered = new Set(quoteOf.filter((q) => q >= 0));
  const classified = changes.map((c, k) => (edge[k]! >= 0 && altered.has(edge[k]!) ? { ...c, type: 'quote' as const } : c));
  return { verbatim, similarity, kept: round(kept), parts, changes: classified };
}

/**
 * The similarity {@link diffPassage} reports, without the diff: Dice similarity of the two
 * normalised texts (`string-similarity`), rounded to three places.
 *
 * @param a - Words of one passage.
 * @param b - Words of the other.
 * @returns 0..1.
 */
export function wordSimilarity(a: readonly SourcedWord[], b: readonly SourcedWord[]): number {
  return round(stringSimilarity.compareTwoStrings(a.map((w) => w.norm).join(' '), b.map((w) => w.norm).join(' ')));
}

/** Most word edits a passage diff looks for before it calls the passage rewritten. */
const MAX_EDITS = 1000;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

