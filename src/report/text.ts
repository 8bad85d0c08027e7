/**
 * The text report: what a person reads in a terminal. Per story, the wire text; per outlet, a
 * one-line summary (verdict, derived share, coverage, credit) and then its reworded passages
 * with inline word diffs, altered quotes first, then added, cut and moved passages and the
 * site chrome that was set aside.
 */

import { renderDiffParts } from '../diff/render.js';
import { assertReport, checkOptions } from '../errors.js';
import { ownCopy } from '../document/document.js';
import { storyReferences } from './build.js';
import type { Article, DocumentReport, Report, ReportCluster } from '../types.js';

/** Options of {@link formatReport}. */
export interface FormatOptions {
  /**
   * ANSI colours (red deletions, green insertions, bold flags). The CLI turns them on for a TTY.
   * @default false
   */
  color?: boolean;
  /**
   * Longest excerpt of a passage shown for added, cut and boilerplate lines (characters).
   * @default 160
   */
  excerpt?: number;
}

const ANSI = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
};
const PLAIN = { red: (s: string) => s, green: (s: string) => s, bold: (s: string) => s, dim: (s: string) => s, yellow: (s: string) => s };

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** C0 and C1 controls (ESC among them), which never reach the terminal from article text or ids. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').replace(CONTROL, '').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/**
 * Formats a report as plain text (or ANSI-coloured text).
 *
 * @param report - From `compareArticles`.
 * @param articles - The same articles (their texts are quoted in the report).
 * @param options - Colour and excerpt length.
 * @returns The report text, ending in a newline.
 * @example
 * ```ts
 * process.stdout.write(formatReport(compareArticles(articles), articles));
 * ```
 */
export function formatReport(report: Report, articles: readonly Article[], options: FormatOptions = {}): string {
  assertReport('report', report);
  if (!Array.isArray(articles)) throw new TypeError('articles must be an array of the articles compared.');
  checkOptions('options', options);
  const c = options.color === true ? ANSI : PLAIN;
  const max = options.excerpt ?? 160;
  const texts = new Map(articles.map((a) => [a.id, a.text]));
  const clusters = new Map(report.clusters.map((k) => [k.id, k]));
  const out: string[] = [];
  const line = (s = ''): void => {
    out.push(s);
  };
  const sanitize = (s: string): string => oneLine(s, Number.MAX_SAFE_INTEGER);

  line(c.bold(`wiretrace report: ${report.documents.length} document${report.documents.length === 1 ? '' : 's'}, ${report.stories.length} stor${report.stories.length === 1 ? 'y' : 'ies'}`));
  for (const story of report.stories) {
    line();
    const refs = storyReferences(story);
    const basis = refs.length === 1 ? `reference ${sanitize(refs[0]!)}` : refs.length > 1 ? `references ${refs.map(sanitize).join(', ')}` : 'reconstructed from the outlets';
    line(c.bold(`Story ${story.id}`) + ` — ${story.documents.length} documents, agency ${story.agency ?? 'not credited'}, wire text of ${story.wire.length} passage${story.wire.length === 1 ? '' : 's'} (${basis})`);
    for (const id of story.wire) {
      const k = clusters.get(id)!;
      const who = [...new Set(k.members.map((m) => m.document))];
      const tag = k.basis === 'shared' ? `${who.length} outlets` : k.basis === 'credited' ? `only ${sanitize(who[0]!)}` : 'reference';
      line(`  ${id.padEnd(7)} ${c.dim(`[${tag}]`)} ${oneLine(k.canonical.text, max)}`);
    }
    if (story.versions.length > 0) {
      line(`  ${story.versions.length} versions of the wire story; ${story.core.length} passages in every one`);
      for (const v of story.versions) {
        const own = v.wire.filter((id) => !story.core.includes(id));
        line(`  ${v.id.padEnd(7)} ${v.wire.length} passages, read from ${v.documents.map(sanitize).join(', ')}; passages not in every version: ${shortIds(own)}`);
      }
      for (const d of story.versionDifferences)
        line(`  ${d.cluster} differs ${d.versions[0]} → ${d.versions[1]}: ${d.changes.map((x) => `${x.type} "${oneLine(x.from, 60)}" → "${oneLine(x.to, 60)}"`).join('; ')}`);
    }
  }
  for (const doc of report.documents) {
    line();
    // HTML articles: offsets point into the extracted text the report carries.
    const agency = report.stories.find((s) => s.id === doc.story)?.agency ?? null;
    formatDocument(doc, doc.text ?? texts.get(doc.id) ?? '', clusters, ownCopy(doc.outlet, agency), c, max, line, sanitize);
  }
  return out.join('\n') + '\n';
}

/** Cluster ids of one story, shortened after the first: `s1.w4, w8, w10`. */
function shortIds(ids: readonly string[]): string {
  return ids.map((id, i) => (i === 0 ? id : id.slice(id.lastIndexOf('.') + 1))).join(', ');
}

function formatDocument(
  doc: DocumentReport,
  text: string,
  clusters: ReadonlyMap<string, ReportCluster>,
  agencyCopy: boolean,
  c: typeof PLAIN,
  max: number,
  line: (s?: string) => void,
  sanitize: (s: string) => string,
): void {
  const credit =
    doc.attribution.length === 0
      ? doc.credited
        ? `the agency's own copy (outlet ${JSON.stringify(sanitize(doc.outlet ?? ''))})`
        : 'no agency credit'
      : `${doc.credited ? 'credits' : 'mentions'} ${[...new Set(doc.attribution.map((a) => a.agency))].join(', ')} (${doc.attribution
          .slice(0, 3)
          .map((a) => `"${oneLine(text.slice(a.start, a.end), 40)}"`)
          .join(', ')})`;
  const verdict = doc.verdict === null ? c.bold('reference (the wire copy)') : doc.verdict === 'non-derived' ? doc.verdict : c.bold(doc.verdict);
  line(
    c.bold(sanitize(doc.id)) +
      `  ${verdict}  derived ${pct(doc.derivedShare)}  coverage ${pct(doc.coverage)}  ${credit}` +
      (doc.story === null ? '  (matched no other article)' : '') +
      (doc.uncreditedReuse ? '  ' + c.yellow('UNCREDITED REUSE') : ''),
  );
  for (const w of doc.warnings ?? []) line(c.yellow(`  warning: ${w}`));
  if (doc.evasion !== undefined) {
    const e = doc.evasion;
    const parts = [e.homoglyphWords > 0 ? `look-alike letters of another script in ${e.homoglyphWords} word${e.homoglyphWords === 1 ? '' : 's'}` : '', e.invisibleWords > 0 ? `invisible characters in ${e.invisibleWords} word${e.invisibleWords === 1 ? '' : 's'}` : ''].filter((x) => x !== '');
    line(c.yellow(`  DISGUISED TEXT: ${parts.join('; ')}`));
  }
  const n = doc.counts;
  const versioned = doc.versionEvidence.length > 0 || doc.version !== null || doc.notInVersion.length > 0;
  line(
    `  verbatim ${n.verbatim} · reworded ${n.reworded} · added ${n.added} · cut ${n.cut} · moved ${n.moved} · altered quotes ${n.alteredQuotes} · boilerplate ${n.boilerplate}` +
      (versioned ? ` · not in its version ${n.notInVersion}` : ''),
  );
  if (versioned) {
    const evidence = doc.versionEvidence.map((e) => `${e.version}: ${shortIds(e.clusters)}`).join('; ');
    if (doc.version === 'mixed') line(`  version: mixed, carries passages only some versions have (${evidence}); cut counts against all of them`);
    else if (doc.version !== null) line(`  version: follows ${doc.version}${evidence === '' ? '' : ` (carries ${evidence})`}`);
    else if (agencyCopy) line("  version: the agency's own take; the wire passages it lacks were not in it");
    else line('  version: cannot tell (it carries only passages every version has); cut counts only those');
    if (doc.notInVersion.length > 0) line(c.dim(`  not in its version, not cut: ${shortIds(doc.notInVersion)}`));
  }
  const reworded = doc.segments.filter((s) => s.kind === 'reworded');
  // Altered quotes first: they are what an editor checks before anything else.
  reworded.sort((a, b) => Number(b.changes?.some((x) => x.type === 'quote')) - Number(a.changes?.some((x) => x.type === 'quote')) || a.start - b.start);
  for (const s of reworded) {
    const quote = s.changes?.some((x) => x.type === 'quote') === true;
    line(`  ${quote ? c.yellow(c.bold('ALTERED QUOTE')) : 'reworded'} ${s.clusters.join('+')} (similarity ${s.similarity?.toFixed(2)}):`);
    // Sanitised before colouring: the colour codes must reach the terminal, the text's must not.
    // Line breaks become spaces first (a wire paragraph wrapped mid-sentence keeps its words apart).
    const parts = (s.diff ?? []).map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ').replace(CONTROL, '') }));
    line(`      ${renderDiffParts(parts, { del: (x) => c.red(`[-${x}-]`), ins: (x) => c.green(`{+${x}+}`) }).trim()}`);
    const changes = s.changes ?? [];
    if (changes.length > 0)
      line(`      changes: ${changes.map((x) => `${x.type === 'quote' ? c.yellow(x.type) : x.type} "${oneLine(x.from, 60)}" → "${oneLine(x.to, 60)}"`).join('; ')}`);
  }
  for (const s of doc.segments.filter((x) => x.kind === 'added')) line(`  added: ${c.green(oneLine(text.slice(s.start, s.end), max))}`);
  for (const id of doc.cut) line(`  cut ${id}: ${c.red(oneLine(clusters.get(id)?.canonical.text ?? '', max))}`);
  for (const id of doc.moved) line(`  moved ${id}: ${oneLine(clusters.get(id)?.canonical.text ?? '', max)}`);
  for (const s of doc.segments.filter((x) => x.kind === 'boilerplate')) line(c.dim(`  boilerplate (${s.reason}): ${oneLine(text.slice(s.start, s.end), max)}`));
}
