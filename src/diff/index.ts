/**
 * Word-level diffs between a passage and the canonical wire text it derives from, made with
 * the `diff` package (Myers, "An O(ND) Difference Algorithm and its Variations", 1986) over
 * normalised words, so case, curly quotes and punctuation alone never count as a change.
 * Each run of changed words is classified the way an editor reads it: `spelling` (regional
 * variant), `quote` (inside quotation marks: the most serious), `number`, `name`, `wording`.
 */

import { diffArrays } from 'diff';
import stringSimilarity from 'string-similarity';
import { foldSpelling } from '../normalize/spelling.js';
import { STOPWORDS } from '../normalize/stopwords.js';

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

/** One part of an inline diff, in reading order. */
export interface DiffPart {
  /** `equal`: in both; `insert`: only in the passage; `delete`: only in the canonical text. */
  readonly op: 'equal' | 'insert' | 'delete';
  /** The text: from the passage for `equal`/`insert`, from the canonical for `delete`. */
  readonly text: string;
}

/** Kinds of change inside a reworded passage. */
export type ChangeType = 'quote' | 'number' | 'name' | 'spelling' | 'wording';

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
}

const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens half first second third fourth fifth'.split(
    ' ',
  ),
);

function isNumberWord(w: string): boolean {
  return /\d/.test(w) || NUMBER_WORDS.has(w);
}

function sliceRun(words: readonly SourcedWord[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j + 1 < words.length && words[j + 1]!.source === words[i]!.source) j++;
    parts.push(words[i]!.source.slice(words[i]!.start, words[j]!.end));
    i = j + 1;
  }
  return parts.join(' … ');
}

function classify(removed: readonly SourcedWord[], added: readonly SourcedWord[], keptQuotes: ReadonlySet<number> = new Set()): ChangeType {
  if (
    removed.length === added.length &&
    removed.length > 0 &&
    removed.every((w, k) => foldSpelling(w.norm) === foldSpelling(added[k]!.norm))
  )
    return 'spelling';
  // A quote is altered when wire words inside quotation marks change, or when the outlet's
  // quotation that keeps some wire words gains others. A quotation the outlet added whole (from
  // another source) is new material, not an altered quote.
  if (removed.some((w) => w.quoted) || added.some((w) => w.quoted && (w.quoteId === undefined || keptQuotes.has(w.quoteId)))) return 'quote';
  const num = (ws: readonly SourcedWord[]): string[] => ws.filter((w) => isNumberWord(w.norm)).map((w) => w.norm);
  const rn = num(removed);
  const an = num(added);
  if ((rn.length > 0 || an.length > 0) && rn.join(' ') !== an.join(' ')) return 'number';
  const cap = (ws: readonly SourcedWord[]): string[] => ws.filter((w) => w.capitalised).map((w) => foldSpelling(w.norm));
  const rc = cap(removed);
  const ac = cap(added);
  // A name change: one name put for another, or a name added or dropped in a short edit. A
  // long rewrite that happens to lose a name (a merged sentence dropping its subject) is wording.
  const short = removed.length <= 3 && added.length <= 3;
  if (rc.join(' ') !== ac.join(' ') && ((rc.length > 0 && ac.length > 0) || (short && rc.length + ac.length > 0))) return 'name';
  return 'wording';
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
  const similarity = round(
    stringSimilarity.compareTwoStrings(canonical.map((w) => w.norm).join(' '), passage.map((w) => w.norm).join(' ')),
  );
  // Align on matching forms, so "defense"/"defence" is one spelling change, not a rewrite.
  const rawOps = diffArrays(a, b);
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
      changes: [{ type: classify(canonical, passage, keptQuotes), start: at, end: passage.length > 0 ? passage[passage.length - 1]!.end : at, from: sliceRun(canonical), to }],
    };
  }

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
  const flush = (): void => {
    if (removed.length === 0 && added.length === 0) return;
    const start = added.length > 0 ? added[0]!.start : ib < passage.length ? passage[ib]!.start : prevEnd;
    const end = added.length > 0 ? added[added.length - 1]!.end : start;
    const to = added.length > 0 ? passageText.slice(start, end) : '';
    changes.push({ type: classify(removed, added, keptQuotes), start, end, from: removed.length > 0 ? sliceRun(removed) : '', to });
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
  return { verbatim, similarity, kept: round(kept), parts, changes };
}

type Op = { added: boolean; removed: boolean; count: number };

/**
 * Folds short runs of function words between two edits into the edits ("said [-in-] the"
 * between two rewrites reads as one rewrite), as diff-match-patch's semantic clean-up does.
 */
function cleanupOps(
  raw: ReadonlyArray<{ added?: boolean; removed?: boolean; count?: number; value: string[] }>,
  foldable: (words: readonly string[]) => boolean,
): Op[] {
  const ops: Op[] = raw.map((o) => ({ added: o.added === true, removed: o.removed === true, count: o.count ?? o.value.length }));
  const isEdit = (o: Op | undefined): boolean => o !== undefined && (o.added || o.removed);
  const out: Op[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (!o.added && !o.removed && o.count <= 2 && isEdit(out[out.length - 1]) && isEdit(ops[i + 1]) && foldable(raw[i]!.value)) {
      // Turn the equal run into a removal plus an addition of the same words.
      out.push({ added: false, removed: true, count: o.count }, { added: true, removed: false, count: o.count });
      continue;
    }
    out.push(o);
  }
  // Regroup: within each stretch between equal runs, all removals first, then all additions.
  const grouped: Op[] = [];
  let rem = 0;
  let add = 0;
  const flush = (): void => {
    if (rem > 0) grouped.push({ added: false, removed: true, count: rem });
    if (add > 0) grouped.push({ added: true, removed: false, count: add });
    rem = 0;
    add = 0;
  };
  for (const o of out) {
    if (o.removed) rem += o.count;
    else if (o.added) add += o.count;
    else {
      flush();
      grouped.push(o);
    }
  }
  flush();
  return grouped;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Spans of quoted text: “…”, "…" (straight quotes pair up in order) and ‘…’ used as quotes.
 *
 * @param text - Any text.
 * @returns `[start, end)` spans inside the quotation marks.
 */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '“' || c === '«' || c === '„') {
      if (open < 0) open = i + 1;
    } else if (c === '”' || c === '»') {
      if (open >= 0) spans.push([open, i]);
      open = -1;
    } else if (c === '"') {
      if (open < 0) open = i + 1;
      else {
        spans.push([open, i]);
        open = -1;
      }
    } else if (c === '‘' && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!))) {
      single = i + 1;
    } else if (c === '’' && single >= 0 && (i + 1 >= text.length || !/[\p{L}\p{N}]/u.test(text[i + 1]!))) {
      spans.push([single, i]);
      single = -1;
    }
  }
  // An unclosed quote runs to the end of the text (a quote continued in the next paragraph).
  if (open >= 0) spans.push([open, text.length]);
  return spans.sort((x, y) => x[0] - y[0]);
}

/**
 * Renders diff parts as text with markers: `[-deleted-]` and `{+inserted+}` by default.
 * White space stays outside the markers.
 *
 * @param parts - Parts from {@link diffPassage}.
 * @param mark - How to wrap deleted and inserted text.
 * @returns One line of text.
 */
export function renderDiffParts(
  parts: readonly DiffPart[],
  mark: { del: (s: string) => string; ins: (s: string) => string } = { del: (s) => `[-${s}-]`, ins: (s) => `{+${s}+}` },
): string {
  // Separators (spaces, punctuation) stay outside the markers, and before a deletion when the
  // part after it starts with them, so "region [-Baku's-],” {+the+}" reads "region,” [-Baku's-] {+the+}".
  const lead = (t: string): string => /^[^\p{L}\p{N}]*/u.exec(t)![0];
  const items = parts.map((p) => ({ ...p }));
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    if (p.op === 'delete') {
      const next = items[i + 1];
      if (next !== undefined && next.op !== 'delete') {
        const sep = lead(next.text);
        out += sep.trimEnd();
        next.text = next.text.slice(sep.trimEnd().length);
      }
      // A space before the deletion, unless one is there or it follows an opening quote or bracket.
      if (out.length > 0 && !/[\s“‘«(\[]$/u.test(out)) out += ' ';
      out += mark.del(p.text);
      continue;
    }
    const sep = lead(p.text);
    const rest = p.text.slice(sep.length);
    const gap = i > 0 && items[i - 1]!.op === 'delete' && !/^\s/.test(sep) && rest.length > 0 ? ' ' : '';
    out += gap + sep + (p.op === 'insert' && rest.length > 0 ? mark.ins(rest) : rest);
  }
  return out;
}
