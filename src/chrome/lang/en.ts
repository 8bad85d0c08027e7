/** English: the furniture of English-language templates beyond the built-in lists, and credits. */

import { type LanguageRules } from './types.js';

export const en: LanguageRules = {
  phrases: [],
  patterns: [
    { pattern: /^(?:follow us|sign up|subscribe|join us|get the latest|download)\s[^.!?]{0,100}(?:newsletter|telegram|whatsapp|facebook|instagram|twitter|google news|app|channel|updates|alerts)[^.!?]{0,60}[.!]?$/iu, reason: 'navigation' },
    { pattern: /^(?:tags|topics|filed under)\s?:\s?.{1,200}$/iu, reason: 'metadata' },
    { pattern: /^listen to (?:this|the) (?:article|story)(?:\s?\(\d{1,2}\s?min\))?$/iu, reason: 'navigation' },

  ],
  creditLines: ['(?:the )?{A} contributed to this (?:report|story|article)\\.?', '(?:©|\\(c\\)|copyright)\\s?(?:\\d{4}\\s)?{A}(?:\\s\\d{4})?\\.?'],
  inText: [],
};
