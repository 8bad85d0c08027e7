import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/index.js';

/** Folder of the bundled seed corpus. */
export const corpusDir = fileURLToPath(new URL('../test-corpus/', import.meta.url));

/** The five seed articles, ids without the hash suffix lookup helpers. */
export function seeds(): Article[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(corpusDir + f, 'utf8') }));
}

/** A seed by its number ("000" … "004"). */
export function seed(n: string): Article {
  const a = seeds().find((s) => s.id.startsWith(n));
  if (a === undefined) throw new Error(`no seed ${n}`);
  return a;
}

/** Offset of a phrase in a text (throws when absent, so a typo fails loudly). */
export function at(text: string, phrase: string): number {
  const i = text.indexOf(phrase);
  if (i < 0) throw new Error(`phrase not found: ${phrase}`);
  return i;
}
