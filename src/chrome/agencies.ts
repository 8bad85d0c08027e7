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
  'رويترز': 'Reuters',
  dpa: 'dpa',
  'الأناضول': 'Anadolu',
  'شينخوا': 'Xinhua',
  'اے پی پی': 'APP',
});

/** The agencies as a regular-expression alternation (no group). */
export const AGENCY_NAMES = AGENCIES.join('|');
