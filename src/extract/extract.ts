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
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  parentNode: DomNode | null;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Deepest element nesting extracted: deeper pages would exhaust the parsers' call stacks. */
const MAX_DEPTH = 500;

/**
 * How deep the page's elements nest, by one pass over its tags (void elements and self-closing
 * tags do not open a level), stopping once past `limit`. Parsers recurse over the tree, so a page
 * nested past the limit is refused before it reaches them.
 */
function nestingDepth(html: string, limit: number): number {
  let depth = 0;
  let max = 0;
  const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const closing = html.charCodeAt(i + 1) === 47; // "/"
    let j = i + (closing ? 2 : 1);
    if (!isLetter(html.charCodeAt(j))) continue;
    const from = j;
    while (j < html.length && (isLetter(html.charCodeAt(j)) || (html.charCodeAt(j) >= 48 && html.charCodeAt(j) <= 57) || html.charCodeAt(j) === 45)) j++;
    const name = html.slice(from, j).toLowerCase();
    const end = html.indexOf('>', j);
    if (end < 0) break;
    if (closing) depth = Math.max(0, depth - 1);
    else if (html.charCodeAt(end - 1) !== 47 && !VOID_ELEMENTS.has(name)) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    }
    i = end;
  }
  return max;
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
  // An explicit walk by first child and next sibling: no recursion whose depth the page sets, and
  // no child list rebuilt at each step (linkedom builds a fresh one on every access).
  const enter = (node: DomNode): boolean => {
    if (node.nodeType === 3) {
      current += (node.textContent ?? '').replace(/\s+/g, ' ');
      return false;
    }
    if (node.nodeType !== 1) return false;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return false;
    if (name === 'BR') {
      current += '\n';
      return false;
    }
    if (BLOCKS.has(name)) flush();
    return node.firstChild !== null;
  };
  const leave = (node: DomNode): void => {
    if (node.nodeType === 1 && BLOCKS.has(node.nodeName.toUpperCase())) flush();
  };
  let node: DomNode | null = root;
  if (enter(root)) node = root.firstChild;
  else {
    leave(root);
    node = null;
  }
  while (node !== null && node !== root) {
    if (enter(node)) {
      node = node.firstChild;
      continue;
    }
    leave(node);
    // Up until a node with a next sibling, leaving each finished element.
    while (node !== null && node !== root && node.nextSibling === null) {
      node = node.parentNode;
      if (node !== null) leave(node);
    }
    if (node === null || node === root) break;
    node = node.nextSibling;
  }
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
  const depth = nestingDepth(html, MAX_DEPTH);
  if (depth > MAX_DEPTH) return { title: null, text: '', warning: `the HTML nests elements more than ${MAX_DEPTH} levels deep; not extracted` };
  try {
    return extract(html);
  } catch (e) {
    // One broken page is named and skipped; it never stops the others.
    return { title: null, text: '', warning: `the HTML could not be read (${(e as Error).message})` };
  }
}

function extract(html: string): ExtractedArticle {
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
