/**
 * A light English suffix folding for content words, so a reworded sentence's "dimensions" meets
 * the wire's "dimension" and "corresponding" meets "corresponds". Only used to compare content
 * words when linking passages; diffs and trigrams keep the words as written.
 */

/**
 * Folds common inflections: -ies → -y, -es/-s (not -ss, -us, -is), -ing, -ed, -ly.
 *
 * @param word - A normalised word.
 * @returns Its stem (the word itself when short or not inflected).
 */
export function stemWord(word: string): string {
  const n = word.length;
  if (n <= 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && n > 5) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && n > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && n > 5) return word.slice(0, -2);
  if (word.endsWith('ly') && n > 5) return word.slice(0, -2);
  if (word.endsWith('es') && n > 5 && /(?:ch|sh|x|ss|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
