/** Where quotations are in a text: the diff's `quote` change type depends on it. */

/**
 * Spans of quoted text: “…”, "…" (straight quotes pair up in order) and ‘…’ used as quotes.
 *
 * @param text - Any text.
 * @returns `[start, end)` spans inside the quotation marks.
 */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let single = -1;
  // A quotation ends with its paragraph: a quote that goes on opens again at the next paragraph's
  // start, as newspapers print it, so one stray mark (an OCR'd '' or a lost closing quote) cannot
  // put the rest of the article inside quotation marks. Paragraphs end at blank lines, or at every
  // line end in a text without blank lines; an agency feed's hard-wrapped layout ends them with
  // "<" at a line end.
  const feed = (text.match(/<[^\S\n]*\n/g)?.length ?? 0) >= 3;
  const lineParagraphs = !feed && !/\n[^\S\n]*\n/.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' && (lineParagraphs || /^\n[^\S\n]*\n/.test(text.slice(i, i + 64)) || (feed && /<[^\S\n]*$/.test(text.slice(Math.max(0, i - 8), i))))) {
      if (open >= 0) spans.push([open, i]);
      open = -1;
      single = -1;
    } else if (c === '“' || c === '«' || c === '„') {
      if (open < 0) open = i + 1;
    } else if (c === '”' || c === '»') {
      if (open >= 0) spans.push([open, i]);
      open = -1;
    } else if (c === '"') {
      if (open < 0) open = i + 1;
      else {
        spans.push([open, i]);
        open = -1;
      }
    } else if (c === '‘' && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!))) {
      single = i + 1;
    } else if (c === '’' && single >= 0 && (i + 1 >= text.length || !/[\p{L}\p{N}]/u.test(text[i + 1]!))) {
      spans.push([single, i]);
      single = -1;
    }
  }
  // An unclosed quote runs to the end of its paragraph, here the text's.
  if (open >= 0) spans.push([open, text.length]);
  return spans.sort((x, y) => x[0] - y[0]);
}

