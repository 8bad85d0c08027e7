/**
 * Classification of one run of changed words the way an editor reads it: `spelling` (regional
 * variant), `quote` (inside quotation marks: the most serious), `number`, `name`, `wording`.
 */

import { isNumberWord } from '../normalize/numbers.js';
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

export function classify(removed: readonly SourcedWord[], added: readonly SourcedWord[], keptQuotes: ReadonlySet<number> = new Set()): ChangeType {
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

