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
]);

/** The agencies as a regular-expression alternation (no group). */
export const AGENCY_NAMES = AGENCIES.join('|');
