/**
 * Agency credit: whether an article credits a news agency, with the evidence. Credit lines come
 * from the chrome stage ("(With AFP inputs)", "— AFP", "AFP" at a caption's end); in-text
 * attributions come from the body ("according to AFP", "an AFP journalist", "told Reuters").
 * Acronyms are matched case-sensitively, so "ap" or "Afp" in prose is not a credit.
 */

import type { Span } from '../segment/paragraph.js';
import type { Attribution } from '../types.js';
import { AGENCY_NAMES, CANONICAL_AGENCY } from './agencies.js';
import { LANGUAGES } from './lang/languages.js';
import type { ChromeSpan } from './chrome.js';


/** Canonical name of an agency as written. */
export function canonicalAgency(name: string): string {
  return CANONICAL_AGENCY[name.toLowerCase()] ?? name;
}

const AGENCY = `((?:the )?(?:${AGENCY_NAMES}))`;
// What an outlet writes when it attributes its text to the agency. Not credit: the agency's own
// newsgathering inside copied wire sentences ("an AFP journalist in … said", "another AFP
// contributor said", "he told AFP"), which any copy of the wire carries.
const SAYS = '(?:also |had |has |was |later |earlier )?(?:reported|reports|said|says|quoted|cited|learned|learnt|has learned)';

// Each pattern puts the agency in group 1. All are linear: literal words around one alternation.
/** In-text attributions, English and the other languages' (`lang/`). */
export const IN_TEXT: readonly RegExp[] = [
  new RegExp(`\\baccording to (?:the )?(?:news agency |news wire )?${AGENCY}(?![\\p{L}-])`, 'gu'),
  new RegExp(`\\bnews agency ${AGENCY}(?![\\p{L}-])`, 'gu'),
  new RegExp(`(?<![\\p{L}-])${AGENCY} ${SAYS}\\b`, 'gu'),
  new RegExp(`\\((?:${AGENCY})\\)`, 'gu'),
  ...LANGUAGES.flatMap((l) => l.inText.map((source) => new RegExp(source.replaceAll('{A}', AGENCY), 'giu'))),
];

/**
 * The agency's own newsgathering inside its copy ("an AFP journalist in … said", "another AFP
 * contributor said", "he told AFP"): not a credit by the outlet, but evidence that the sentence
 * is the agency's text.
 */
export const SOURCING: readonly RegExp[] = [
  new RegExp(`(?<![\\p{L}-])${AGENCY} (?:journalist|journalists|correspondent|correspondents|reporter|reporters|contributor|contributors|photographer|videographer|team|tally|count)\\b`, 'gu'),
  new RegExp(`\\b(?:told|to) ${AGENCY}(?![\\p{L}-])(?= news agency| on\\b| in\\b| that\\b|[,.;:!?"”’)]|$)`, 'gu'),
];

const CREDIT_AGENCY = new RegExp(`(?<![\\p{L}])${AGENCY}(?![\\p{L}])`, 'u');
/** The agency as agencies write it (the other languages' patterns match their words in any case). */
const EXACT_AGENCY = new RegExp(`^(?:the |The )?(?:${AGENCY_NAMES})$`, 'u');
/** Chrome that credits the agency when it names it: credit lines, datelines, copyright lines. */
const CREDITING: ReadonlySet<string> = new Set(['credit', 'dateline', 'copyright']);

/**
 * Finds agency credits in an article.
 *
 * @param text - The article text.
 * @param chrome - Its chrome spans (credit lines, datelines and copyright lines that name an agency credit it).
 * @param body - Its body spans (in-text attributions are searched there).
 * @returns Credits sorted by offset.
 */
export function detectCredits(text: string, chrome: readonly ChromeSpan[], body: readonly Span[]): Attribution[] {
  const out: Attribution[] = [];
  for (const c of chrome) {
    if (!CREDITING.has(c.reason)) continue;
    const m = CREDIT_AGENCY.exec(text.slice(c.start, c.end));
    if (m !== null) out.push({ agency: canonicalAgency(m[1]!.replace(/^the /i, '')), start: c.start, end: c.end, kind: 'credit-line' });
  }
  for (const span of body) {
    const slice = text.slice(span.start, span.end);
    for (const [kind, patterns] of [
      ['in-text', IN_TEXT],
      ['wire-sourcing', SOURCING],
    ] as const)
      for (const re of patterns) {
        re.lastIndex = 0;
        for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
          if (!EXACT_AGENCY.test(m[1]!)) continue; // "según la ap…" is not the AP
          out.push({ agency: canonicalAgency(m[1]!.replace(/^the /i, '')), start: span.start + m.index, end: span.start + m.index + m[0].length, kind });
        }
      }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  // Overlapping matches of different patterns are one piece of evidence.
  return out.filter((c, i) => i === 0 || c.start >= out[i - 1]!.end || c.agency !== out[i - 1]!.agency);
}
