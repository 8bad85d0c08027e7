/**
 * The news agencies wiretrace recognises, one list for the chrome rules (credit lines) and the
 * credit detector (in-text attributions), so the two cannot drift apart. Acronyms are written
 * as agencies write them: matching is case-sensitive where a lower-case word could collide
 * ("ap", "afp" in prose).
 */
export const AGENCIES: readonly string[] = Object.freeze([
  'AFP',
  'Agence France-Presse',
  'Agence France Presse',
  'AP',
  'Associated Press',
  'Reuters',
  'REUTERS',
  'Press Association',
  'PA Media',
  'PA News',
  'PA',
  'dpa',
  'DPA',
  'EFE',
  'ANSA',
  'Xinhua',
  'TASS',
  'Anadolu',
  'AA',
  'Kyodo',
  'Yonhap',
  'Bernama',
  'ANI',
  'PTI',
  'IANS',
  'UNI',
  'APP',
  'IRNA',
  // As Arabic- and Urdu-language sites write them.
  'فرانس برس',
  'أ ف ب',
  'أ.ف.ب',
  'رويترز',
  'أسوشيتد برس',
  'الأناضول',
  'شينخوا',
  'اے پی پی',
]);

/** Canonical names of agencies written in other forms. */
export const CANONICAL_AGENCY: Readonly<Record<string, string>> = Object.freeze({
  'agence france-presse': 'AFP',
  'agence france presse': 'AFP',
  'فرانس برس': 'AFP',
  'أ ف ب': 'AFP',
  'أ.ف.ب': 'AFP',
  'associated press': 'AP',
  'the associated press': 'AP',
  'أسوشيتد برس': 'AP',
  reuters: 'Reuters',
  'press association': 'PA',
  'the press association': 'PA',
  'pa media': 'PA',
  'pa news': 'PA',
  'رويترز': 'Reuters',
  dpa: 'dpa',
  'الأناضول': 'Anadolu',
  'شينخوا': 'Xinhua',
  'اے پی پی': 'APP',
});

/** The agencies as a regular-expression alternation (no group). */
export const AGENCY_NAMES = AGENCIES.join('|');

/**
 * More agencies as a regular-expression alternation (names escaped), or `null` when none.
 *
 * @param names - Agency names as written.
 * @returns The alternation.
 * @throws TypeError when a name is not a non-empty string.
 */
export function agencyAlternation(names: readonly string[] | undefined): string | null {
  if (names === undefined || names.length === 0) return null;
  if (!Array.isArray(names)) throw new TypeError('chrome.agencies must be an array of agency names.');
  for (const n of names) if (typeof n !== 'string' || n.trim().length === 0) throw new TypeError(`chrome.agencies: every agency must be a non-empty string (got ${JSON.stringify(n)}).`);
  return [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((n) => n.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('|');
}
