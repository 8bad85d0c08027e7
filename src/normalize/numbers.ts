/** Numbers as words: figures and the number words a sentence can carry a fact in. */

const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens half first second third fourth fifth'.split(
    ' ',
  ),
);

/**
 * Whether a normalised word states a number ("12", "3.5", "twelve", "dozens", "first").
 *
 * @param w - A normalised word.
 * @returns Whether it is a number.
 */
export function isNumberWord(w: string): boolean {
  return /\d/.test(w) || NUMBER_WORDS.has(w);
}
