/**
 * Agency credit: whether an article credits a news agency, with the evidence. Credit lines come
 * from the chrome stage ("(With AFP inputs)", "— AFP", "AFP" at a caption's end); in-text
 * attributions come from the body ("according to AFP", "an AFP journalist", "told Reuters").
 * Acronyms are matched case-sensitively, so "ap" or "Afp" in prose is not a credit.
 */

import type { Span } from '../segment/paragraph.js';
import type { Attribution } from '../types.js';
import { AGENCY_NAMES, CANONICAL_AGENCY, agencyAlternation } from './agencies.js';
import { LANGUAGES } from './lang/languages.js';
import type { ChromeSpan } from './chrome.js';


/** Canonical name of an agency as written. */
export function canonicalAgency(name: string): string {
  return CANONICAL_AGENCY[name.toLowerCase()] ?? name;
}

// What an outlet writes when it attributes its text to the agency. Not credit: the agency's own
// newsgathering inside copied wire sentences ("an AFP journalist in … said", "another AFP
// contributor said", "he told AFP"), which any copy of the wire carries.
const SAYS = '(?:also |had |has |was |later |earlier )?(?:reported|reports|said|says|quoted|cited|learned|learnt|has learned)';

/** The credit patterns of one set of agency names. */
interface CreditPatterns {
  /** In-text attributions in English. */
  readonly english: readonly RegExp[];
  /** In-text attributions in the other languages (`lang/`). */
  readonly languages: readonly RegExp[];
  /** The agency's own newsgathering inside its copy: evidence, not credit. */
  readonly sourcing: readonly RegExp[];
  /** The agency named anywhere in a credit line. */
  readonly named: RegExp;
  /** The agency as agencies write it (other languages' patterns match in any case). */
  readonly exact: RegExp;
}

/**
 * Builds the credit patterns for an alternation of agency names. Each pattern puts the agency
 * in group 1; all are linear: literal words around one alternation.
 */
function creditPatterns(names: string): CreditPatterns {
  const agency = `((?:the )?(?:${names}))`;
  const english: RegExp[] = [
    new RegExp(`\\baccording to (?:the )?(?:news agency |news wire )?${agency}(?![\\p{L}-])`, 'gu'),
    new RegExp(`\\bnews agency ${agency}(?![\\p{L}-])`, 'gu'),
    new RegExp(`(?<![\\p{L}-])${agency} ${SAYS}\\b`, 'gu'),
    new RegExp(`\\((?:${agency})\\)`, 'gu'),
  ];
  return {
    english,
    languages: LANGUAGE_SOURCES.map((source) => new RegExp(source.replaceAll('{A}', agency), 'giu')),
    sourcing: [
      new RegExp(`(?<![\\p{L}-])${agency} (?:journalist|journalists|correspondent|correspondents|reporter|reporters|contributor|contributors|photographer|videographer|team|tally|count)\\b`, 'gu'),
      new RegExp(`\\b(?:told|to) ${agency}(?![\\p{L}-])(?= news agency| on\\b| in\\b| that\\b|[,.;:!?"”’)]|$)`, 'gu'),
    ],
    named: new RegExp(`(?<![\\p{L}])${agency}(?![\\p{L}])`, 'u'),
    exact: new RegExp(`^(?:the |The )?(?:${names})$`, 'u'),
  };
}

/**
 * The parts of patterns before their one `{A}`, as one case-insensitive alternation, or `null`
 * when a pattern has no single `{A}` or its lead is no expression on its own.
 */
function leads(sources: readonly string[]): RegExp | null {
  const parts: string[] = [];
  for (const source of sources) {
    const cut = source.split('{A}');
    if (cut.length !== 2) return null;
    try {
      new RegExp(cut[0]!, 'iu');
    } catch {
      return null;
    }
    parts.push(`(?:${cut[0]!})`);
  }
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'iu');
}

const LANGUAGE_SOURCES = LANGUAGES.flatMap((l) => l.inText);
/**
 * What each other language's pattern has before the agency, in one expression: a span where it
 * finds nothing holds no match of theirs (`null` when a lead does not stand alone).
 */
const LANGUAGE_LEADS = leads(LANGUAGE_SOURCES);
const BUILT_IN = creditPatterns(AGENCY_NAMES);
/** The built-in in-text attribution patterns (for the regex safety test). */
export const IN_TEXT: readonly RegExp[] = [...BUILT_IN.english, ...BUILT_IN.languages];
/** The built-in wire-sourcing patterns (for the regex safety test). */
export const SOURCING: readonly RegExp[] = BUILT_IN.sourcing;
const extraPatterns = new Map<string, CreditPatterns>();

/**
 * Chrome that credits the agency when it names it: credit lines, datelines, copyright lines, and
 * bylines ("By Lisa Salmon, PA News": the agency's reporter wrote it).
 */
const CREDITING: ReadonlySet<string> = new Set(['credit', 'dateline', 'copyright', 'byline']);

/**
 * Finds agency credits in an article.
 *
 * @param text - The article text.
 * @param chrome - Its chrome spans (credit lines, datelines and copyright lines that name an agency credit it).
 * @param body - Its body spans (in-text attributions are searched there).
 * @param agencies - More agencies to recognise (`ChromeOptions.agencies`).
 * @returns Credits sorted by offset.
 */
export function detectCredits(text: string, chrome: readonly ChromeSpan[], body: readonly Span[], agencies?: readonly string[]): Attribution[] {
  const sets = [BUILT_IN];
  const extra = agencyAlternation(agencies);
  if (extra !== null) {
    let p = extraPatterns.get(extra);
    if (p === undefined) {
      if (extraPatterns.size >= 32) extraPatterns.clear();
      extraPatterns.set(extra, (p = creditPatterns(extra)));
    }
    sets.push(p);
  }
  const out: Attribution[] = [];
  for (const c of chrome) {
    if (!CREDITING.has(c.reason)) continue;
    for (const set of sets) {
      const m = set.named.exec(text.slice(c.start, c.end));
      if (m !== null) {
        out.push({ agency: canonicalAgency(m[1]!.replace(/^the /i, '')), start: c.start, end: c.end, kind: 'credit-line' });
        break;
      }
    }
  }
  for (const span of body) {
    const slice = text.slice(span.start, span.end);
    // The other languages' patterns only where one of their leads stands.
    const leads = LANGUAGE_LEADS === null || LANGUAGE_LEADS.test(slice);
    for (const set of sets) {
      for (const [kind, patterns] of [
        ['in-text', set.english],
        ['in-text', leads ? set.languages : []],
        ['wire-sourcing', set.sourcing],
      ] as const)
        for (const re of patterns) {
          re.lastIndex = 0;
          for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
            if (!set.exact.test(m[1]!)) continue; // "según la ap…" is not the AP
            out.push({ agency: canonicalAgency(m[1]!.replace(/^the /i, '')), start: span.start + m.index, end: span.start + m.index + m[0].length, kind });
          }
        }
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  // Overlapping matches of different patterns are one piece of evidence.
  return out.filter((c, i) => i === 0 || c.start >= out[i - 1]!.end || c.agency !== out[i - 1]!.agency);
}
