/** Where quotations are in a text: the diff's `quote` change type depends on it. */

import { segmentParagraphs } from '../segment/paragraph.js';

/**
 * Spans of quoted text: “…”, "…" (straight quotes pair up in order) and ‘…’ used as quotes.
 * A quotation ends with its paragraph (as the paragraph stage reads them): a quote that goes on
 * opens again at the next paragraph's start, as newspapers print it, so one stray mark (an OCR'd
 * '' or a lost closing quote) cannot put the rest of the article inside quotation marks.
 *
 * @param text - Any text.
 * @returns `[start, end)` spans inside the quotation marks.
 */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const para of segmentParagraphs(text)) {
    let open = -1;
    let single = -1;
    for (let i = para.start; i < para.end; i++) {
      const c = text[i]!;
      if (c === '“' || c === '«' || c === '„') {
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
    // An unclosed quote runs to the end of its paragraph.
    if (open >= 0) spans.push([open, para.end]);
  }
  return spans.sort((x, y) => x[0] - y[0]);
}
