/**
 * Stock sentences: sentences that recur, word for word, in articles of different stories (a
 * sign-off, "The case continues.", "This story has been updated.", a house line) are not wire
 * copy of any one story. Once stories are known, such passages leave the documents' passages
 * and are reported as boilerplate with the reason `stock`: they never link, never enter the
 * wire text.
 */

import { murmur3String } from '../hash/murmur3.js';
import type { Doc } from './document.js';

/**
 * The comparison keys of a document's passages: a 53-bit hash of each one's matching forms
 * (0 for a passage without words). Numbers, not strings: a folder's keys fit in a few MB.
 *
 * @param doc - A prepared document.
 * @returns One key per passage.
 */
export function passageKeys(doc: Doc): Float64Array {
  const keys = new Float64Array(doc.passages.length);
  doc.passages.forEach((p, k) => {
    if (p.words.length === 0) return;
    const key = p.words.map((w) => w.match).join(' ');
    keys[k] = (murmur3String(key, 0x9747b28c) & 0x1fffff) * 4294967296 + murmur3String(key, 1) + 1;
  });
  return keys;
}

/**
 * Sentences found in two or more stories (a document alone is a story of its own).
 *
 * @param keys - Every document's passage keys ({@link passageKeys}).
 * @param groups - Stories, as groups of document indices.
 * @returns The keys of stock sentences.
 */
export function stockSentences(keys: readonly Float64Array[], groups: readonly (readonly number[])[]): Set<number> {
  const storyOf = new Map<number, number>();
  const stock = new Set<number>();
  groups.forEach((group, g) => {
    for (const i of group)
      for (const key of keys[i]!) {
        if (key === 0) continue;
        const seen = storyOf.get(key);
        if (seen === undefined) storyOf.set(key, g);
        else if (seen !== g) stock.add(key);
      }
  });
  return stock;
}

/**
 * The document with its stock sentences set aside as boilerplate.
 *
 * @param doc - A prepared document.
 * @param stock - Keys of stock sentences.
 * @param keys - The document's passage keys.
 * @returns The same document, or a copy without those passages and with them as chrome.
 */
export function setAsideStock(doc: Doc, stock: ReadonlySet<number>, keys: Float64Array): Doc {
  const out = doc.passages.map((_, k) => stock.has(keys[k]!));
  if (!out.includes(true)) return doc;
  const chrome = [...doc.chrome, ...doc.passages.filter((_, k) => out[k]).map((p) => ({ start: p.start, end: p.end, reason: 'stock' as const }))].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const passages = doc.passages.filter((_, k) => !out[k]).map((p, index) => ({ ...p, index }));
  return { ...doc, chrome, passages };
}
