/** Diff parts as one line of text with markers, for the text report and the HTML tooltip. */

import type { DiffPart } from '../types.js';

/**
 * Renders diff parts as text with markers: `[-deleted-]` and `{+inserted+}` by default.
 * White space stays outside the markers.
 *
 * @param parts - Parts from `diffPassage`.
 * @param mark - How to wrap deleted and inserted text.
 * @returns One line of text.
 */
export function renderDiffParts(
  parts: readonly DiffPart[],
  mark: { del: (s: string) => string; ins: (s: string) => string } = { del: (s) => `[-${s}-]`, ins: (s) => `{+${s}+}` },
): string {
  // Separators (spaces, punctuation) stay outside the markers, and before a deletion when the
  // part after it starts with them, so "region [-Baku's-],” {+the+}" reads "region,” [-Baku's-] {+the+}".
  const lead = (t: string): string => /^[^\p{L}\p{N}]*/u.exec(t)![0];
  const items = parts.map((p) => ({ ...p }));
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    if (p.op === 'delete') {
      const next = items[i + 1];
      if (next !== undefined && next.op !== 'delete') {
        const sep = lead(next.text);
        out += sep.trimEnd();
        next.text = next.text.slice(sep.trimEnd().length);
      }
      // A space before the deletion, unless one is there or it follows an opening quote or bracket.
      if (out.length > 0 && !/[\s“‘«(\[]$/u.test(out)) out += ' ';
      out += mark.del(p.text);
      continue;
    }
    const sep = lead(p.text);
    const rest = p.text.slice(sep.length);
    const gap = i > 0 && items[i - 1]!.op === 'delete' && !/^\s/.test(sep) && rest.length > 0 ? ' ' : '';
    out += gap + sep + (p.op === 'insert' && rest.length > 0 ? mark.ins(rest) : rest);
  }
  return out;
}
