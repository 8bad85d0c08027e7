/** German: site furniture and agency credit as German-language sites write them. */

import { phrases, type LanguageRules } from './types.js';

export const de: LanguageRules = {
  phrases: [
    ...phrases('navigation', 'startseite', 'teilen', 'auf facebook teilen', 'auf x teilen', 'per e-mail teilen', 'drucken', 'mehr zum thema', 'meistgelesen', 'newsletter', 'anmelden', 'anzeige', 'werbung'),
    ...phrases('comments', 'kommentare', 'kommentieren', 'kommentar schreiben'),
  ],
  patterns: [
    { pattern: /^(?:lesen sie auch|auch interessant|mehr zum thema|das könnte sie auch interessieren)\s?[:|-]\s?\S.{2,199}$/iu, reason: 'teaser' },
    { pattern: /^(?:veröffentlicht|aktualisiert|stand)\s?(?:am\s|:\s?)?\d{1,2}\.\s?(?:\d{1,2}\.\s?\d{2,4}|\p{L}{3,9}\s\d{4})(?:,?\s\d{1,2}[:.]\d{2}(?:\suhr)?)?$/iu, reason: 'metadata' },
    { pattern: /^(?:folgen sie uns|abonnieren sie|melden sie sich|laden sie)\s[^.!?]{0,100}(?:newsletter|telegram|whatsapp|facebook|instagram|twitter|google news|app|kanal|eilmeldungen)[^.!?]{0,60}[.!]?$/iu, reason: 'navigation' },
    { pattern: /^(?:schlagwörter|themen|tags)\s?:\s?.{1,200}$/iu, reason: 'metadata' },
    { pattern: /^artikel (?:anhören|vorlesen)(?:\s?\(\d{1,2}\s?min\))?$/iu, reason: 'navigation' },
  ],
  creditLines: ['\\(?(?:mit material von|quelle\\s?:|mit) {A}\\)?\\.?'],
  inText: ['\\b(?:laut|berichtete|meldete|wie) (?:die nachrichtenagentur )?{A}(?![\\p{L}-])'],
};
