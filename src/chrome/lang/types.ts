/** The shape of one language's chrome and credit rules. */

import type { ChromePattern, ChromePhrase } from '../../types.js';

/**
 * One language's rules. In `creditLines` and `inText`, `{A}` stands for the agency
 * alternation (the agency is captured as group 1). Every pattern must be linear: literal words
 * around one alternation, no nested quantifiers (tests/regex checks each with recheck).
 */
export interface LanguageRules {
  /** Whole lines (compared after normalisation) that are chrome. */
  readonly phrases: readonly ChromePhrase[];
  /** Whole-line patterns, tested against each trimmed line. */
  readonly patterns: readonly ChromePattern[];
  /** A whole line that credits an agency ("Avec AFP", "Fuente: EFE"). */
  readonly creditLines: readonly string[];
  /** An attribution the outlet writes in its text ("selon l'AFP", "laut dpa"). */
  readonly inText: readonly string[];
}

/** Phrases of one reason. */
export const phrases = (reason: ChromePhrase['reason'], ...texts: string[]): ChromePhrase[] => texts.map((text) => ({ text, reason }));
