/**
 * Stock sentences: sentences that recur, word for word, in articles of different stories (a
 * sign-off, "The case continues.", "This story has been updated.", a house line) are not wire
 * copy of any one story. Once stories are known, such passages leave the documents' passages
 * and are reported as boilerplate with the reason `stock`: they never link, never enter the
 * wire text.
 */

import type { Doc } from './document.js';

/** The comparison key of a passage: its matching forms. */
function keyOf(doc: Doc, index: number): string {
  return doc.passages[index]!.words.map((w) => w.match).join(' ');
}

/**
 * Sentences found in two or more stories (a document alone is a story of its own).
 *
 * @param docs - Prepared documents.
 * @param groups - Stories, as groups of document indices.
 * @returns The keys of stock sentences.
 */
export function stockSentences(docs: readonly Doc[], groups: readonly (readonly number[])[]): Set<string> {
  const storiesOf = new Map<string, Set<number>>();
  groups.forEach((group, g) => {
    for (const i of group) {
      const d = docs[i]!;
      for (let k = 0; k < d.passages.length; k++) {
        if (d.passages[k]!.words.length === 0) continue;
        const key = keyOf(d, k);
        let s = storiesOf.get(key);
        if (s === undefined) storiesOf.set(key, (s = new Set()));
        s.add(g);
      }
    }
  });
  const stock = new Set<string>();
  for (const [key, stories] of storiesOf) if (stories.size >= 2) stock.add(key);
  return stock;
}

/**
 * The document with its stock sentences set aside as boilerplate.
 *
 * @param doc - A prepared document.
 * @param stock - Keys of stock sentences.
 * @returns The same document, or a copy without those passages and with them as chrome.
 */
export function setAsideStock(doc: Doc, stock: ReadonlySet<string>): Doc {
  const out = doc.passages.map((_, k) => stock.has(keyOf(doc, k)));
  if (!out.includes(true)) return doc;
  const chrome = [...doc.chrome, ...doc.passages.filter((_, k) => out[k]).map((p) => ({ start: p.start, end: p.end, reason: 'stock' as const }))].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const passages = doc.passages.filter((_, k) => !out[k]).map((p, index) => ({ ...p, index }));
  return { ...doc, chrome, passages };
}
