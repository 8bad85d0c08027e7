/**
 * Classification of one run of changed words the way an editor reads it: `spelling` (regional
 * variant, a number written as a figure: "First" / "1st", a title abbreviated: "Sergeant" /
 * "Sgt"), `quote` (inside quotation marks: the most serious), `number`, `name`, `wording`,
 * and `rewritten` for a replacement longer than a local edit.
 */

import { isNumberWord, numberValue } from '../normalize/numbers.js';
import { foldSpelling } from '../normalize/spelling.js';
import type { ChangeType } from '../types.js';
import type { SourcedWord } from './sourced.js';


/** The text a run of words covers in its source(s), with " … " between sources. */
export function sliceRun(words: readonly SourcedWord[]): string {
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

/**
 * Whether `short` is a house abbreviation of `long` ("sgt" / "sergeant", "pte" / "private", "dr" /
 * "doctor"): at most four letters, its first letter and the rest in order in a word at least two
 * letters longer.
 */
function abbreviates(short: string, long: string): boolean {
  if (short.length > 4 || long.length < short.length + 2 || short[0] !== long[0]) return false;
  let at = 1;
  for (let i = 1; i < short.length; i++) {
    at = long.indexOf(short[i]!, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Longest edit (in words, either side) that gets a specific type; longer ones are `rewritten`. */
export const LOCAL_EDIT = 4;

/**
 * The kind of change that replaced `removed` wire words by `added` outlet words.
 *
 * @param removed - Wire words taken out.
 * @param added - Outlet words put in.
 * @param keptQuotes - The outlet's quotations that keep at least one wire word.
 * @param gapInQuote - For a deletion: whether the outlet's text around it is inside one of its
 *   quotations that keeps wire words.
 * @param names - Names (folded) the whole wire passage and the whole outlet passage carry: a name
 *   the outlet adds that the wire passage already has elsewhere was moved, not changed (and so
 *   for a name dropped that the outlet keeps elsewhere); with `elsewhere`, the same for figures
 *   and names across the whole wire text and outlet article.
 * @returns The change type.
 */
export function classify(
  removed: readonly SourcedWord[],
  added: readonly SourcedWord[],
  keptQuotes: ReadonlySet<number> = new Set(),
  gapInQuote = false,
  names: { wire: ReadonlySet<string>; outlet: ReadonlySet<string>; elsewhere?: { readonly wire: ReadonlySet<string>; readonly outlet: ReadonlySet<string> } } = { wire: new Set(), outlet: new Set() },
): ChangeType {
  if (
    removed.length === added.length &&
    removed.length > 0 &&
    removed.every((w, k) => {
      const v = added[k]!;
      return foldSpelling(w.norm) === foldSpelling(v.norm) || numberValue(w.norm) === numberValue(v.norm) || (w.capitalised && v.capitalised && (abbreviates(w.norm, v.norm) || abbreviates(v.norm, w.norm)));
    })
  )
    return 'spelling';
  // A quote is altered only where the outlet's text is inside its quotation marks: words put
  // into a quotation that keeps wire words, or wire words taken out of one. A quotation the
  // outlet added whole (from another source) is new material; wire quote words the outlet
  // paraphrased outside quotation marks are a rewrite, not an altered quote.
  const inQuote = added.length > 0 ? added.some((w) => w.quoted && w.quoteId !== undefined && keptQuotes.has(w.quoteId)) : gapInQuote;
  if (inQuote) return 'quote';
  if (Math.max(removed.length, added.length) > LOCAL_EDIT) return 'rewritten';
  const num = (ws: readonly SourcedWord[]): string[] => ws.filter((w) => isNumberWord(w.norm)).map((w) => numberValue(w.norm));
  const rn = num(removed);
  const an = num(added);
  // A figure only put in that the wire states elsewhere, or only taken out that the outlet states
  // elsewhere ("Sgt-Major Michael Gleave, 39," where the wire gives his age a sentence later),
  // moved: no figure changed.
  const f = names.elsewhere;
  const movedFigure = f !== undefined && (rn.length === 0 ? an.every((n) => f.wire.has(n)) : an.length === 0 && rn.every((n) => f.outlet.has(n)));
  if ((rn.length > 0 || an.length > 0) && rn.join(' ') !== an.join(' ') && !movedFigure) return 'number';
  const cap = (ws: readonly SourcedWord[]): string[] => ws.filter((w) => w.capitalised).map((w) => foldSpelling(w.norm));
  const rc = cap(removed);
  const ac = cap(added);
  // A name change: one name put for another, or a name added or dropped in a short edit. A
  // long rewrite that happens to lose a name (a merged sentence dropping its subject) is wording.
  const short = removed.length <= 3 && added.length <= 3;
  const moved = (rc.length === 0 && ac.every((n) => names.wire.has(n) || f?.wire.has(n) === true)) || (ac.length === 0 && rc.every((n) => names.outlet.has(n) || f?.outlet.has(n) === true));
  if (rc.join(' ') !== ac.join(' ') && ((rc.length > 0 && ac.length > 0) || (short && rc.length + ac.length > 0 && !moved))) return 'name';
  return 'wording';
}

