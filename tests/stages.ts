/** Helpers for the stage tests: documents prepared exactly as `compareArticles` prepares them. */
import { prepareDocument, type Doc } from '../src/document/document.js';
import type { Article } from '../src/index.js';

/** Prepares articles as documents (no learned template lines, default limits). */
export function docs(articles: readonly Article[]): Doc[] {
  return articles.map((a, i) => prepareDocument(a, i, new Set(), { maxChars: 5_000_000, maxSentences: 5000 }));
}
