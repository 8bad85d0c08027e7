/** French: site furniture and agency credit as French-language sites write them. */

import { phrases, type LanguageRules } from './types.js';

export const fr: LanguageRules = {
  phrases: [
    ...phrases('navigation', 'accueil', 'partager', 'partager sur facebook', 'partager sur x', 'partager sur twitter', 'partager par e-mail', 'imprimer', 'lire la suite', 'voir aussi', 'à lire aussi', 'les plus lus', 'dernières actualités', "fil d'actualité", 'suivez-nous', 'newsletter', 'abonnez-vous', 'se connecter', 'publicité'),
    ...phrases('comments', 'réagir', 'commentaires', 'laisser un commentaire', 'ajouter un commentaire'),
  ],
  patterns: [
    { pattern: /^(?:lire aussi|à lire aussi|à lire également|voir aussi|sur le même sujet)\s?[:|-]\s?\S.{2,199}$/iu, reason: 'teaser' },
    { pattern: /^(?:publié|mis à jour|modifié)\s(?:le\s)?\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\s\p{L}{3,9}\.?\s\d{4})(?:\sà\s\d{1,2}\s?[h:]\s?\d{2})?$/iu, reason: 'metadata' },
    { pattern: /^(?:abonnez-vous|inscrivez-vous|suivez-nous|recevez|téléchargez)\s[^.!?]{0,100}(?:newsletter|lettre d'information|telegram|whatsapp|facebook|instagram|twitter|google news|application|chaîne)[^.!?]{0,60}[.!]?$/iu, reason: 'navigation' },
    { pattern: /^(?:mots-clés|tags|thèmes)\s?:\s?.{1,200}$/iu, reason: 'metadata' },
    { pattern: /^(?:écouter cet article|écouter l'article)(?:\s?\(\d{1,2}\s?min\))?$/iu, reason: 'navigation' },
    { pattern: /^temps de lecture\s?:?\s?\d{1,3}\s?min$/iu, reason: 'metadata' },
  ],
  creditLines: ["\\(?(?:avec|source\\s?:?|d'après) (?:l'|l’)?{A}\\)?\\.?", '\\(?avec agences\\)?\\.?', "par [^.!?]{1,40} avec (?:l'|l’)?{A}"],
  inText: ["\\b(?:selon|d'après|rapporte|a indiqué|a appris|indique|précise|a rapporté) (?:l'|l’|l’agence |l'agence )?{A}(?![\\p{L}-])"],
};
