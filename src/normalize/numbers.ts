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

// Number words as the figures a paper prints for them ("two" / "2", "First Battalion" / "1st
// Battalion"): the same number, a house style, not a changed fact.
const VALUES = new Map<string, string>([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i): [string, string] => [w, String(i)]),
  ...'thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i): [string, string] => [w, String(30 + 10 * i)]),
  ['first', '1st'],
  ['second', '2nd'],
  ['third', '3rd'],
  ['fourth', '4th'],
  ['fifth', '5th'],
]);

/**
 * The figure a number word stands for ("two" → "2", "first" → "1st"); other words as they are.
 *
 * @param w - A normalised word.
 * @returns Its figure, or the word.
 */
export function numberValue(w: string): string {
  return VALUES.get(w) ?? w;
}
