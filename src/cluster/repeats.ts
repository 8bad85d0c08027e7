/**
 * Exact repeats inside one document: a paragraph an outlet printed twice, or a thousand times.
 * Only each document's first copy of a sentence is linked and clustered; every later copy takes
 * its first copy's clusters. Work stays linear in the repeats, never quadratic in a group of
 * identical sentences.
 */

import type { Passage } from '../document/passage.js';

/** Each passage's first copy in its document (itself when it is the first). */
export function firstCopies(passages: readonly Passage[]): number[] {
  const first = new Map<string, number>();
  return passages.map((p, i) => {
    const key = `${p.doc}\u0000${p.words.map((w) => w.match).join(' ')}`;
    const f = first.get(key);
    if (f === undefined) {
      first.set(key, i);
      return i;
    }
    return f;
  });
}
