/**
 * The HTML report: one self-contained file (inline CSS and JS, no request to any network, a
 * Content-Security-Policy that forbids them) that an editor can open offline or attach to an
 * email. It is rendered on the server side, so it reads and prints without JavaScript; the
 * script only adds sorting, opening an outlet from the tables, and the passage panel.
 *
 * Article text is untrusted: every piece of it goes through `escapeHtml`, and the data the
 * script reads is JSON inside a `<script type="application/json">` block with `<` escaped, so
 * no article can close the block or start markup.
 */

import { renderDiffParts } from '../diff/render.js';
import { assertReport, checkOptions } from '../errors.js';
import { ownCopy } from '../document/document.js';
import { storyReferences } from './build.js';
import type { Article, DocumentReport, Report, ReportCluster, ReportSegment } from '../types.js';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /**
   * Page title.
   * @default 'wiretrace report'
   */
  title?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#6e6e73;--bg:#fff;--line:#d2d2d7;--ins:#e3f6e6;--ins-fg:#0b5d1e;--del:#fde7e9;--del-fg:#9f1d2b;--add:#fff4d6;--quote:#b00020;--cut:#8a8a8e;--focus:#0a66c2}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:16px 20px;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:17px;margin:24px 0 8px}
main{padding:0 20px 40px;max-width:1400px}
.muted{color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th button::after{content:" ↕";color:var(--muted)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
a.outlet,button.outlet{font:inherit;color:var(--focus);background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
.verdict-wholly-derived{font-weight:700}
.flag{color:#fff;background:var(--quote);border-radius:3px;padding:0 5px;font-size:12px;font-weight:700}
.matrix td.cell{width:18px;min-width:18px;height:18px;padding:0;border:1px solid #fff;text-align:center;font-size:11px}
.cell.verbatim{background:#2e7d32;color:#fff}.cell.reworded{background:#f9a825}.cell.absent{background:#eee}.cell.other{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#d2d2d7 3px,#d2d2d7 4px)}.cell.quote{background:var(--quote);color:#fff}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
details.outlet{border:1px solid var(--line);border-radius:6px;margin:10px 0}
details.outlet>summary{padding:8px 12px;cursor:pointer;font-weight:600}
.rows{display:grid;grid-template-columns:1fr 1fr;border-top:1px solid var(--line)}
.rows>.head{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:6px 12px;border-bottom:1px solid var(--line)}
.p{padding:6px 12px;border-bottom:1px solid #eee;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
#panel li,td,th,summary{unicode-bidi:isolate}
.p[tabindex]{cursor:pointer}.p[tabindex]:focus{outline:2px solid var(--focus);outline-offset:-2px}
.p.verbatim{color:var(--muted)}
.p.added{background:var(--add)}
.p.boilerplate{color:#aaa;font-size:13px}
.p.cut{color:var(--cut);text-decoration:line-through}
.p.wire{color:var(--muted)}
.badge{display:inline-block;font-size:11px;border:1px solid currentColor;border-radius:3px;padding:0 4px;margin-right:6px;text-decoration:none;white-space:nowrap;vertical-align:1px}
ins{background:var(--ins);color:var(--ins-fg);text-decoration:none}
del{background:var(--del);color:var(--del-fg)}
.altered{border-left:4px solid var(--quote)}
.moved .badge.mv{color:#6a1b9a}
#panel{position:fixed;right:12px;bottom:12px;width:min(520px,calc(100vw - 24px));max-height:60vh;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:12px 14px;display:none}
#panel.open{display:block}
#panel h3{margin:0 0 6px;font-size:15px}
#panel ol{padding-left:18px;margin:6px 0}
#panel li{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
#panel button.close{float:right}
.headline{font-size:16px;margin:6px 0 0}
.headline b{font-weight:700}
.badge.num{color:#8a4b00}.badge.name{color:#1a4d8f}
.evidence{color:var(--muted);font-size:12px}
ol.wiretext{padding-left:0;list-style:none;margin:0}
ol.wiretext li{display:grid;grid-template-columns:4.5em 6.5em 1fr;gap:8px;padding:4px 0;border-bottom:1px solid #eee}
ol.wiretext .attested{color:var(--muted);font-size:12px}
ol.wiretext li>.badge{align-self:start;justify-self:start}
table.summary td.credit{white-space:normal;min-width:12em}
table.summary th{white-space:normal;vertical-align:bottom}
@media (max-width:700px){.rows{grid-template-columns:1fr}.rows>.wirecol{border-left:0;background:#fafafa}.rows>.p.wire.same,.rows>.head.wirecol{display:none}main{padding:0 10px 30px}header.top{padding:12px 10px}
table.summary thead{display:none}table.summary,table.summary tbody,table.summary tr,table.summary td{display:block;width:100%;white-space:normal}
table.summary tr{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 8px}
table.summary td{border:0;padding:2px 0;text-align:left}table.summary td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
table.summary td.num{display:inline-block;width:auto;margin-right:14px}
ol.wiretext li{grid-template-columns:4em 1fr}ol.wiretext .attested{display:none}}
@media print{#panel,th button::after,.noprint{display:none!important}details.outlet{break-inside:auto}.p{break-inside:avoid}body{font-size:11pt}}
`;

const SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('wiretrace-data').textContent);
  // Sortable tables: a header button sorts its column, numbers numerically.
  document.querySelectorAll('table.sortable th button').forEach(function(btn){
    btn.addEventListener('click', function(){
      var th = btn.parentElement, table = th.closest('table'), idx = Array.prototype.indexOf.call(th.parentElement.children, th);
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      table.querySelectorAll('th').forEach(function(x){ x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function(a, b){
        var x = a.cells[idx].getAttribute('data-sort') || a.cells[idx].textContent, y = b.cells[idx].getAttribute('data-sort') || b.cells[idx].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        if (!isNaN(nx) && !isNaN(ny)) return (nx - ny) * dir;
        return x.localeCompare(y) * dir;
      });
      rows.forEach(function(r){ body.appendChild(r); });
    });
  });
  // Opening an outlet from the summary table or the matrix.
  document.querySelectorAll('[data-open]').forEach(function(el){
    el.addEventListener('click', function(e){
      e.preventDefault();
      var d = document.getElementById(el.getAttribute('data-open'));
      if (d) { d.open = true; d.scrollIntoView({block: 'start'}); var s = d.querySelector('summary'); if (s) s.focus(); }
    });
  });
  // The passage panel: its cluster and every outlet's version of it.
  var panel = document.getElementById('panel');
  function show(el){
    var ids = (el.getAttribute('data-clusters') || '').split(' ').filter(Boolean);
    if (!ids.length) return;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var close = document.createElement('button'); close.className = 'close'; close.textContent = 'Close'; close.addEventListener('click', function(){ panel.classList.remove('open'); el.focus(); });
    panel.appendChild(close);
    ids.forEach(function(id){
      var c = data.clusters[id]; if (!c) return;
      var h = document.createElement('h3'); h.textContent = 'Passage ' + id + (c.wire ? ' (wire)' : '') + ' — ' + c.members.length + ' version' + (c.members.length === 1 ? '' : 's');
      panel.appendChild(h);
      var p = document.createElement('p'); p.className = 'muted'; p.textContent = 'Canonical (' + c.canonical.document + '): ' + c.canonical.text; panel.appendChild(p);
      var ol = document.createElement('ol');
      c.members.forEach(function(m){ var li = document.createElement('li'); var b = document.createElement('b'); b.textContent = m.document + ': '; li.appendChild(b); li.appendChild(document.createTextNode(m.text)); ol.appendChild(li); });
      panel.appendChild(ol);
    });
    panel.classList.add('open');
  }
  document.querySelectorAll('.p[data-clusters]').forEach(function(el){
    el.addEventListener('click', function(){ show(el); });
    el.addEventListener('keydown', function(e){ if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(el); } });
  });
  document.addEventListener('keydown', function(e){ if (e.key === 'Escape') panel.classList.remove('open'); });
  window.addEventListener('beforeprint', function(){ document.querySelectorAll('details.outlet').forEach(function(d){ d.open = true; }); });
})();
`;

interface Row {
  outlet: string;
  outletClass: string;
  wire: string;
  clusters: string[];
  badges: string[];
  interactive: boolean;
}

/** The line an editor reads first: how many outlets, how derived, what went wrong. */
function headline(report: Report): string {
  // The agency's own copies are its takes, not outlets that took them.
  const agencyOf = new Map(report.stories.map((s) => [s.id, s.agency]));
  const agencyCopy = (d: DocumentReport): boolean => d.story !== null && ownCopy(d.outlet, agencyOf.get(d.story) ?? null);
  const outlets = report.documents.filter((d) => d.role !== 'reference' && !agencyCopy(d));
  const copies = report.documents.filter((d) => d.role !== 'reference' && agencyCopy(d)).length;
  const count = (f: (d: DocumentReport) => boolean): number => outlets.filter(f).length;
  const quotes = outlets.reduce((n, d) => n + d.counts.alteredQuotes, 0);
  const figures = outlets.reduce((n, d) => n + d.segments.filter((s) => s.changes?.some((c) => c.type === 'number')).length, 0);
  const plural = (n: number, one: string, many: string): string => `<b>${n}</b> ${n === 1 ? one : many}`;
  return [
    plural(outlets.length, 'outlet', 'outlets'),
    ...(copies > 0 ? [plural(copies, 'agency copy', 'agency copies')] : []),
    `${plural(count((d) => d.verdict === 'wholly-derived'), 'wholly derived', 'wholly derived')}`,
    `${plural(count((d) => d.verdict === 'partially-derived'), 'partially', 'partially')}`,
    plural(quotes, 'altered quote', 'altered quotes'),
    plural(figures, 'changed figure', 'changed figures'),
    plural(count((d) => d.uncreditedReuse), 'uncredited', 'uncredited'),
  ].join(' · ');
}

function textOf(doc: DocumentReport, texts: ReadonlyMap<string, string>): string {
  return doc.text ?? texts.get(doc.id) ?? '';
}

/** Escapes the plain-text parts of rendered diff output (markers are added around escaped text). */
function renderSegmentDiff(s: ReportSegment): string {
  // renderDiffParts copies separators between parts verbatim; escape them by rendering the
  // parts with placeholder markers first, then escaping everything and restoring the markers.
  // Private-use characters mark the edits; any in the article text are dropped first.
  const clean = (x: string): string => x.replace(/[\ue000\ue001]/g, '');
  const parts = (s.diff ?? []).map((p) => ({ ...p, text: clean(p.text) }));
  const raw = renderDiffParts(parts, { del: (x) => `\ue000d${x}\ue001`, ins: (x) => `\ue000i${x}\ue001` });
  // Each marked edit is "\ue000" + kind + text + "\ue001"; split, so every character is read once.
  const pieces = escapeHtml(raw).split('\ue000');
  let out = pieces[0]!;
  for (const piece of pieces.slice(1)) {
    const close = piece.indexOf('\ue001');
    const body = piece.slice(1, close);
    out += (piece[0] === 'd' ? `<del>${body}</del>` : `<ins>${body}</ins>`) + piece.slice(close + 1);
  }
  return out;
}

function rowsFor(doc: DocumentReport, text: string, clusters: ReadonlyMap<string, ReportCluster>): Row[] {
  const rows: Row[] = [];
  const moved = new Set(doc.moved);
  const positionOf = (ids: readonly string[]): number => {
    let p = -1;
    for (const id of ids) {
      const c = clusters.get(id);
      if (c?.wire === true && c.position !== null) p = Math.max(p, c.position);
    }
    return p;
  };
  const cut = doc.cut.map((id) => clusters.get(id)!).filter((c) => c !== undefined).sort((a, b) => a.position! - b.position!);
  let cutAt = 0;
  let lastPos = -1;
  const flushCut = (upTo: number): void => {
    while (cutAt < cut.length && cut[cutAt]!.position! < upTo) {
      const c = cut[cutAt++]!;
      rows.push({ outlet: '', outletClass: 'p', wire: `<div class="p cut" tabindex="0" data-clusters="${escapeHtml(c.id)}"><span class="badge">cut ${escapeHtml(c.id)}</span>${escapeHtml(c.canonical.text)}</div>`, clusters: [], badges: [], interactive: false });
    }
  };
  for (const s of doc.segments) {
    const slice = escapeHtml(text.slice(s.start, s.end));
    const wireIds = s.clusters.filter((id) => clusters.get(id)?.wire === true);
    const pos = positionOf(wireIds);
    if (pos >= 0 && pos > lastPos) {
      flushCut(pos);
      lastPos = pos;
    }
    const quote = s.changes?.some((c) => c.type === 'quote') === true;
    const isMoved = wireIds.some((id) => moved.has(id));
    const badges: string[] = [];
    if (s.kind === 'boilerplate') badges.push(`<span class="badge">${escapeHtml(s.reason ?? 'chrome')}</span>`);
    if (s.kind === 'added') badges.push('<span class="badge">added</span>');
    if (s.kind === 'reworded') badges.push(`<span class="badge">reworded ${s.similarity?.toFixed(2) ?? ''}</span>`);
    if (quote) badges.push('<span class="flag">ALTERED QUOTE</span> ');
    if (s.changes?.some((c) => c.type === 'number') === true) badges.push('<span class="badge num">figure changed</span>');
    if (s.changes?.some((c) => c.type === 'name') === true) badges.push('<span class="badge name">name changed</span>');
    if (isMoved) badges.push('<span class="badge mv">moved</span>');
    const body = s.kind === 'reworded' ? renderSegmentDiff(s) : slice;
    const wire = wireIds
      .map((id) => clusters.get(id)!)
      .map((c) => `<span class="badge">${escapeHtml(c.id)}</span>${escapeHtml(c.canonical.text)}`)
      .join('<br>');
    rows.push({
      outlet: `${badges.join('')}${body}`,
      outletClass: `p ${s.kind}${quote ? ' altered' : ''}${isMoved ? ' moved' : ''}`,
      // On a narrow screen the wire column is hidden where it only repeats the outlet's text.
      wire: `<div class="p wire${s.kind === 'verbatim' || s.kind === 'boilerplate' || wire === '' ? ' same' : ''}">${wire}</div>`,
      clusters: s.clusters,
      badges,
      interactive: s.clusters.length > 0,
    });
  }
  flushCut(Infinity);
  return rows;
}

/**
 * Renders a report as one self-contained HTML page.
 *
 * @param report - From `compareArticles`.
 * @param articles - The same articles, for their texts (not needed for documents whose report
 *   carries `text`, as HTML inputs do).
 * @param options - Page title.
 * @returns The HTML document.
 * @example
 * ```ts
 * writeFileSync('report.html', renderHtml(compareArticles(articles), articles));
 * ```
 */
export function renderHtml(report: Report, articles: readonly Article[] = [], options: HtmlOptions = {}): string {
  assertReport('report', report);
  if (!Array.isArray(articles)) throw new TypeError('articles must be an array of the articles compared (or omitted).');
  checkOptions('options', options);
  const title = options.title ?? 'wiretrace report';
  const texts = new Map(articles.map((a) => [a.id, a.text]));
  const clusters = new Map(report.clusters.map((c) => [c.id, c]));
  // Every character but letters, digits and "-" is escaped as _hex_ ("_" too), so two ids never
  // share an element id ("a." and "a_2e" did).
  const anchor = (id: string): string => `doc-${id.replace(/[^A-Za-z0-9-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header class="top"><h1>${escapeHtml(title)}</h1><p class="headline">${headline(report)}</p><div class="muted">${report.documents.length} document${report.documents.length === 1 ? '' : 's'} · ${report.stories.length} stor${report.stories.length === 1 ? 'y' : 'ies'} · ${escapeHtml(report.generator)} · ${escapeHtml(report.schema)}</div></header>`,
    '<main>',
  );

  // Summary table.
  out.push('<h2 id="summary">Outlets</h2>');
  out.push(
    '<p class="legend muted noprint"><span><span class="flag">1</span> altered quotes</span><span><span class="badge num">2</span> changed figures</span><span><span class="badge name">1</span> changed names</span><span><span class="flag">NO</span> reuses the wire without credit</span></p>',
  );
  out.push('<div class="scroll"><table class="sortable summary"><thead><tr>');
  const heads = ['Outlet', 'Verdict', 'Derived', 'Coverage', 'Credit', 'Verbatim', 'Reworded', 'Added', 'Cut', 'Moved', 'Altered quotes', 'Figures', 'Names', 'Story'];
  for (const h of heads) out.push(`<th scope="col"><button type="button">${h}</button></th>`);
  out.push('</tr></thead><tbody>');
  for (const d of report.documents) {
    const text = textOf(d, texts);
    const changed = (type: string): number => d.segments.filter((s) => s.changes?.some((c) => c.type === type)).length;
    const numbers = changed('number');
    const names = changed('name');
    const evidence = d.attribution.filter((a) => a.kind !== 'wire-sourcing').map((a) => text.slice(a.start, a.end)).slice(0, 2);
    const credit =
      d.role === 'reference'
        ? 'reference'
        : d.credited
          ? `yes <span class="evidence">${evidence.length > 0 ? evidence.map((e) => `“${escapeHtml(e)}”`).join(', ') : 'its own copy'}</span>`
          : d.uncreditedReuse
            ? '<span class="flag">NO</span>'
            : 'no';
    const label = (h: string, body: string, cls = ''): string => `<td${cls !== '' ? ` class="${cls}"` : ''} data-label="${h}">${body}</td>`;
    out.push(
      `<tr><td><a class="outlet" href="#${anchor(d.id)}" data-open="${anchor(d.id)}">${escapeHtml(d.outlet ?? d.id)}</a>${d.outlet !== undefined ? ` <span class="evidence">${escapeHtml(d.id)}</span>` : ''}</td>`,
      `<td class="verdict-${d.verdict ?? 'reference'}" data-label="Verdict">${d.verdict ?? 'reference'}</td>`,
      `<td class="num" data-sort="${d.derivedShare}" data-label="Derived">${pct(d.derivedShare)}</td>`,
      `<td class="num" data-sort="${d.coverage}" data-label="Coverage">${pct(d.coverage)}</td>`,
      label('Credit', credit, 'credit'),
      label('Verbatim', String(d.counts.verbatim), 'num'),
      label('Reworded', String(d.counts.reworded), 'num'),
      label('Added', String(d.counts.added), 'num'),
      label('Cut', String(d.counts.cut), 'num'),
      label('Moved', String(d.counts.moved), 'num'),
      label('Altered quotes', d.counts.alteredQuotes > 0 ? `<span class="flag">${d.counts.alteredQuotes}</span>` : '0', 'num'),
      label('Figures', numbers > 0 ? `<span class="badge num">${numbers}</span>` : '0', 'num'),
      label('Names', names > 0 ? `<span class="badge name">${names}</span>` : '0', 'num'),
      `${label('Story', escapeHtml(d.story ?? '—') + (d.version !== null ? ` <span class="evidence">${escapeHtml(d.version === 'mixed' ? 'mixed versions' : d.version)}</span>` : ''))}</tr>`,
    );
  }
  out.push('</tbody></table></div>');

  // The wire text of each story, to read on its own.
  for (const story of report.stories) {
    const refs = storyReferences(story);
    const named = `${refs.length === 1 ? 'reference' : 'references'} ${refs.map(escapeHtml).join(', ')}`;
    out.push(`<h2 id="wire-${escapeHtml(story.id)}">Wire text — story ${escapeHtml(story.id)} (${story.wire.length} passage${story.wire.length === 1 ? '' : 's'}, ${refs.length > 0 ? `the ${named}` : 'reconstructed from the outlets'})</h2><ol class="wiretext">`);
    for (const id of story.wire) {
      const c = clusters.get(id)!;
      const inVersions = story.versions.length > 0 && !story.core.includes(id) ? story.versions.filter((v) => v.wire.includes(id)).map((v) => v.id.slice(v.id.lastIndexOf('.') + 1)) : [];
      const only = inVersions.length > 0 ? `<br>only ${escapeHtml(inVersions.join(', '))}` : '';
      out.push(`<li><span class="badge">${escapeHtml(id.split('.').pop()!)}</span><span class="attested">${c.attestedBy} outlet${c.attestedBy === 1 ? '' : 's'}${only}</span><span>${escapeHtml(c.canonical.text)}</span></li>`);
    }
    out.push('</ol>');
  }

  // Coverage matrix per story: outlets × wire passages in wire order.
  for (const story of report.stories) {
    const refs = storyReferences(story);
    const named = `${refs.length === 1 ? 'reference' : 'references'} ${refs.map(escapeHtml).join(', ')}`;
    out.push(`<h2 id="matrix-${escapeHtml(story.id)}">Who took what — story ${escapeHtml(story.id)} (agency ${escapeHtml(story.agency ?? 'not credited')}, ${story.wire.length} wire passages${refs.length > 0 ? `, ${named}` : ''})</h2>`);
    out.push(`<p class="legend muted"><span><i class="cell verbatim"></i>verbatim</span><span><i class="cell reworded"></i>reworded</span><span><i class="cell quote"></i>altered quote</span><span><i class="cell absent"></i>cut (not carried, by an outlet that took no wire copy)</span>${story.versions.length > 0 || report.documents.some((d) => d.story === story.id && d.notInVersion.length > 0) ? '<span><i class="cell other"></i>not in its version</span>' : ''}<span>↔ moved</span></p>`);
    out.push(`<div class="scroll"><table class="matrix" data-story="${escapeHtml(story.id)}"><thead><tr><th scope="col">Outlet</th>`);
    for (const id of story.wire) {
      const c = clusters.get(id)!;
      out.push(`<th scope="col" class="wirecol" title="${escapeHtml(c.canonical.text)}">${escapeHtml(id.split('.').pop()!.slice(1))}</th>`);
    }
    out.push('</tr></thead><tbody>');
    for (const docId of story.documents) {
      const d = report.documents.find((x) => x.id === docId)!;
      const state = new Map<string, string>();
      for (const s of d.segments)
        for (const id of s.clusters) {
          const k = s.changes?.some((c) => c.type === 'quote') === true ? 'quote' : s.kind;
          if (k === 'verbatim' || k === 'reworded' || k === 'quote') if (state.get(id) !== 'verbatim') state.set(id, k);
        }
      const moved = new Set(d.moved);
      for (const id of d.notInVersion) state.set(id, 'other');
      const version = d.version === null ? '' : ` <span class="evidence">${escapeHtml(d.version === 'mixed' ? 'mixed' : d.version.slice(d.version.lastIndexOf('.') + 1))}</span>`;
      out.push(`<tr data-document="${escapeHtml(d.id)}"><th scope="row"><a class="outlet" href="#${anchor(d.id)}" data-open="${anchor(d.id)}">${escapeHtml(d.id)}</a>${version}</th>`);
      const cut = new Set(d.cut);
      // An article that took no wire copy cut nothing: what it lacks is only not carried.
      const took = d.verdict !== 'non-derived';
      for (const id of story.wire) {
        // Neither carried here nor cut: it carries that wire sentence under another cluster.
        const k = state.get(id) ?? (cut.has(id) || !took ? 'absent' : 'reworded');
        const said = k === 'quote' ? 'reworded, altered quote' : k === 'absent' ? (took ? 'cut' : 'not carried') : k === 'other' ? 'not in its version' : k;
        out.push(`<td class="cell ${k}" title="${escapeHtml(`${d.id} · ${id}: ${said}${moved.has(id) ? ', moved' : ''}`)}">${moved.has(id) ? '↔' : ''}</td>`);
      }
      out.push('</tr>');
    }
    out.push('</tbody></table></div>');
  }

  // Per outlet: its text beside the wire text.
  out.push('<h2>Outlets passage by passage</h2><p class="muted noprint">Click a passage (or press Enter on it) to see its cluster and every outlet’s version.</p>');
  for (const d of report.documents) {
    const text = textOf(d, texts);
    out.push(
      `<details class="outlet" id="${anchor(d.id)}"><summary>${escapeHtml(d.id)} — ${d.verdict ?? 'reference (the wire copy)'}, derived ${pct(d.derivedShare)}, coverage ${pct(d.coverage)}, ${d.credited ? 'credits ' + escapeHtml(report.stories.find((s) => s.id === d.story)?.agency ?? 'the agency') : d.uncreditedReuse ? 'UNCREDITED REUSE' : 'no credit'}</summary>`,
    );
    for (const w of d.warnings ?? []) out.push(`<p class="p added">Warning: ${escapeHtml(w)}</p>`);
    out.push(`<div class="rows" data-document="${escapeHtml(d.id)}"><div class="head">${escapeHtml(d.id)}</div><div class="head wirecol">Wire text</div>`);
    for (const r of rowsFor(d, text, clusters)) {
      const attrs = r.interactive ? ` tabindex="0" data-clusters="${escapeHtml(r.clusters.join(' '))}"` : '';
      out.push(r.outletClass === 'p' && r.outlet === '' ? '<div class="p"></div>' : `<div class="${r.outletClass}"${attrs}>${r.outlet}</div>`);
      out.push(r.wire);
    }
    out.push('</div></details>');
  }
  out.push('</main><aside id="panel" role="dialog" aria-live="polite" aria-label="Passage versions"></aside>');

  // Data for the panel: each cluster's canonical text and members' texts.
  const data = {
    clusters: Object.fromEntries(
      report.clusters.map((c) => [
        c.id,
        {
          wire: c.wire,
          canonical: { document: c.canonical.document, text: c.canonical.text },
          members: c.members.map((m) => {
            const d = report.documents.find((x) => x.id === m.document);
            return { document: m.document, text: d === undefined ? '' : textOf(d, texts).slice(m.start, m.end) };
          }),
        },
      ]),
    ),
  };
  out.push(`<script type="application/json" id="wiretrace-data">${JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}</script>`);
  out.push(`<script>${SCRIPT}</script>`, '</body></html>');
  return out.join('\n');
}

