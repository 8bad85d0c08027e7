/**
 * Agency credit: whether an article credits a news agency, with the evidence. Credit lines come
 * from the chrome stage ("(With AFP inputs)", "— AFP", "AFP" at a caption's end); in-text
 * attributions come from the body ("according to AFP", "an AFP journalist", "told Reuters").
 * Acronyms are matched case-sensitively, so "ap" or "Afp" in prose is not a credit.
 */

import type { Span } from '../segment/paragraph.js';
import type { Attribution } from '../types.js';
import { AGENCY_NAMES } from './agencies.js';
import type { ChromeSpan } from './chrome.js';

const CANONICAL: Record<string, string> = {
  'agence france-presse': 'AFP',
  'agence france presse': 'AFP',
  'associated press': 'AP',
  'the associated press': 'AP',
  dpa: 'dpa',
};

/** Canonical name of an agency as written. */
export function canonicalAgency(name: string): string {
  return CANONICAL[name.toLowerCase()] ?? name;
}

const AGENCY = `((?:the )?(?:${AGENCY_NAMES}))`;
const ROLE = '(?:journalist|journalists|correspondent|correspondents|reporter|reporters|contributor|photographer|videographer|team|tally|count|report|reported|reports|said|says|quoted|cited|learned|learnt|understands|has learned|news agency)';

// Each pattern puts the agency in group 1. All are linear: literal words around one alternation.
const IN_TEXT: readonly RegExp[] = [
  new RegExp(`\\baccording to (?:the )?(?:news agency |news wire )?${AGENCY}(?![\\p{L}-])`, 'gu'),
  new RegExp(`\\b(?:told|to|with|by) ${AGENCY}(?![\\p{L}-])(?= news agency| on\\b| in\\b| that\\b|[,.;:!?"”’)]|$)`, 'gu'),
  new RegExp(`\\bnews agency ${AGENCY}(?![\\p{L}-])`, 'gu'),
  new RegExp(`(?<![\\p{L}-])${AGENCY} (?:also |had |has |was |later |earlier )?${ROLE}\\b`, 'gu'),
  new RegExp(`\\((?:${AGENCY})\\)`, 'gu'),
];

const CREDIT_AGENCY = new RegExp(`(?<![\\p{L}])${AGENCY}(?![\\p{L}])`, 'u');

/**
 * Finds agency credits in an article.
 *
 * @param text - The article text.
 * @param chrome - Its chrome spans (credit lines are read from those with reason `credit`).
 * @param body - Its body spans (in-text attributions are searched there).
 * @returns Credits sorted by offset.
 */
export function detectCredits(text: string, chrome: readonly ChromeSpan[], body: readonly Span[]): Attribution[] {
  const out: Attribution[] = [];
  for (const c of chrome) {
    if (c.reason !== 'credit') continue;
    const m = CREDIT_AGENCY.exec(text.slice(c.start, c.end));
    if (m !== null) out.push({ agency: canonicalAgency(m[1]!.replace(/^the /, '')), start: c.start, end: c.end, kind: 'credit-line' });
  }
  for (const span of body) {
    const slice = text.slice(span.start, span.end);
    for (const re of IN_TEXT) {
      re.lastIndex = 0;
      for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
        out.push({
          agency: canonicalAgency(m[1]!.replace(/^the /, '')),
          start: span.start + m.index,
          end: span.start + m.index + m[0].length,
          kind: 'in-text',
        });
      }
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  // Overlapping matches of different patterns are one piece of evidence.
  return out.filter((c, i) => i === 0 || c.start >= out[i - 1]!.end || c.agency !== out[i - 1]!.agency);
}
