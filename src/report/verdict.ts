/** The derivation verdict in the METER corpus's classes, and the credit: one function each, for compare and the feed. */

import { ownCopy, type Doc } from '../document/document.js';
import type { Verdict } from '../types.js';

/** The thresholds of a verdict (shares of body characters). */
export interface VerdictThresholds {
  /** At or above: `wholly-derived`. */
  readonly whollyDerived: number;
  /** At or above: `partially-derived`. */
  readonly partiallyDerived: number;
}

/**
 * The verdict of a document whose body has `derived` wire characters, a `share` of the body.
 *
 * @param derived - Characters of verbatim or reworded wire copy.
 * @param share - Their share of the body, 0..1.
 * @param thresholds - The caller's thresholds.
 * @returns The verdict.
 */
export function verdictFor(derived: number, share: number, thresholds: VerdictThresholds): Verdict {
  if (derived > 0 && share >= thresholds.whollyDerived) return 'wholly-derived';
  if (derived > 0 && share >= thresholds.partiallyDerived) return 'partially-derived';
  return 'non-derived';
}

/** Rounds a share to three decimals, as the report gives it. */
export function roundShare(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Whether a document credits the story's agency: a credit of it (not a mention of where the
 * agency's reporter was), or it is the agency's own copy (its outlet is the agency: "PA", "Press
 * Association", "AFP"), which cannot reuse the agency without credit.
 *
 * @param doc - The document.
 * @param agency - The story's agency, or `null`.
 * @returns Whether it is credited.
 */
export function creditsAgency(doc: Pick<Doc, 'credits' | 'article'>, agency: string | null): boolean {
  if (agency === null) return false;
  return ownCopy(doc.article.outlet, agency) || doc.credits.some((c) => c.agency === agency && c.kind !== 'wire-sourcing');
}
