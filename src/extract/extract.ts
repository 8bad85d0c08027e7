/**
 * HTML input: the article body of a saved page, extracted with Mozilla's Readability (the
 * engine of Firefox Reader View) over a linkedom DOM, then written out as plain text that the
 * chrome stage and everything after it read like any other article.
 *
 * The text is built from the extracted article's elements: every block element (paragraph,
 * heading, list item, quotation, caption, table row, …) becomes a paragraph, separated by a
 * blank line; `<br>` becomes a line break; runs of white space inside a block become one space.
 * The headline (the page title as Readability found it) is the first paragraph unless the body
 * already starts with it. Report offsets for an HTML article point into this text, which the
 * report carries as `documents[i].text`.
 */

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { assertString } from '../errors.js';

/** The article found in a page. */
export interface ExtractedArticle {
  /** The headline, when the page has one. */
  title: string | null;
  /** The body as plain text (paragraphs separated by blank lines); empty when no article was found. */
  text: string;
  /** Why nothing was extracted, when `text` is empty. */
  warning?: string;
}

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Fewest words an extracted body must have to count as an article. */
const MIN_WORDS = 20;

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Writes the text of a DOM subtree, one paragraph per block element. */
function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    // Line by line, so no pattern scans a long run of spaces more than once.
    const t = current
      .split('\n')
      .map((l) => l.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
      .join('\n')
      .trim();
    if (t.length > 0) paragraphs.push(t);
    current = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Extracts the article of an HTML page as plain text.
 *
 * @param html - A saved page (any markup; broken markup is tolerated, scripts are never run).
 * @returns Title and text; an empty text with a `warning` when the page holds no article.
 * @throws TypeError when `html` is not a string.
 * @example
 * ```ts
 * extractArticle('<article><h1>Title</h1><p>First paragraph.</p></article>').text;
 * // 'Title\n\nFirst paragraph.'
 * ```
 */
export function extractArticle(html: string): ExtractedArticle {
  assertString('html', html);
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  // Readability mutates the document; it gets its own parse, so the fallback below sees the page.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  let title = article?.title?.trim() || null;
  let text = '';
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(content.body as unknown as DomNode);
  }
  // Readability returns something for almost any page; a body of a few words is no article.
  if (wordCount(text) < MIN_WORDS) text = '';
  if (text.length === 0) {
    // No article by Readability's measure: fall back to the paragraphs of the page itself.
    const { document: page } = parseHTML(html);
    const paragraphs = Array.from(page.querySelectorAll('p') as unknown as ArrayLike<DomNode>)
      .map((p) => blockText(p))
      .filter((t) => t.split(/\s+/).length >= 8);
    text = paragraphs.join('\n\n');
    if (wordCount(text) < MIN_WORDS) text = '';
    title ??= (page.querySelector('h1')?.textContent ?? '').trim() || null;
  }
  if (text.length === 0) return { title, text: '', warning: 'no article body found in the HTML' };
  if (title !== null) {
    // Page titles often carry the site name: keep the part the body's headline matches.
    const headline = title.split(/\s[|–—-]\s/)[0]!.trim();
    if (!text.startsWith(headline) && headline.split(/\s+/).length >= 4) text = `${headline}\n\n${text}`;
  }
  return { title, text };
}
