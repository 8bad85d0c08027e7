/** The languages whose furniture and credits the chrome stage knows: one file each, easy to extend. */

import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { pt } from './pt.js';
import type { LanguageRules } from './types.js';

/** Every language's rules (English first). */
export const LANGUAGES: readonly LanguageRules[] = Object.freeze([en, fr, es, de, pt, ar]);
