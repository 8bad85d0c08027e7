/**
 * Scores a report against a generated corpus's known answers: story grouping (adjusted Rand
 * index), passage links, added passages and cut passages (precision and recall).
 */

import type { Report } from '../types.js';
import type { GeneratedArticle } from './corpus.js';

/** Accuracy of one report. */
export interface Score {
  /** Adjusted Rand index of the story grouping (1 = perfect). */
  storyAri: number;
  /** Of the (outlet sentence, wire sentence) links reported, the share that are true. */
  linkPrecision: number;
  /** Of the true links, the share reported. */
  linkRecall: number;
  /** Of the sentences reported as added, the share that are. */
  addedPrecision: number;
  /** Of the added sentences, the share reported as added. */
  addedRecall: number;
  /** Of the wire sentences reported cut, the share that are. */
  cutPrecision: number;
  /** Of the cut wire sentences, the share reported cut. */
  cutRecall: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

/** Adjusted Rand index of two labelings (Hubert & Arabie, 1985). */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const ra = new Map<string, number>();
  const rb = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    table.set(`${x}\u0000${y}`, (table.get(`${x}\u0000${y}`) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    rb.set(y, (rb.get(y) ?? 0) + 1);
  });
  let index = 0;
  for (const n of table.values()) index += pairs(n);
  let sa = 0;
  let sb = 0;
  for (const n of ra.values()) sa += pairs(n);
  for (const n of rb.values()) sb += pairs(n);
  const expected = (sa * sb) / Math.max(1, pairs(a.length));
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Offsets of each truth sentence in its article. */
function locate(article: GeneratedArticle): Array<[number, number]> {
  let from = 0;
  return article.sentences.map((s) => {
    const at = article.text.indexOf(s.text, from);
    from = at + s.text.length;
    return [at, at + s.text.length];
  });
}

/**
 * Scores a report of `compareArticles` on a generated corpus.
 *
 * @param report - The report.
 * @param corpus - The generated articles (same ids), wire copies included.
 * @returns Precision, recall and ARI.
 */
export function scoreReport(report: Report, corpus: readonly GeneratedArticle[]): Score {
  const byId = new Map(corpus.map((a) => [a.id, a]));
  const spans = new Map(corpus.map((a) => [a.id, locate(a)]));
  // Which wire sentence a wire-document span is.
  const wireSentenceAt = (doc: string, start: number, end: number): string | null => {
    const a = byId.get(doc);
    if (a === undefined || !a.wire) return null;
    const i = spans.get(doc)!.findIndex(([s, e]) => s < end && start < e);
    return i < 0 ? null : a.sentences[i]!.sources[0]!;
  };
  const clusterWire = new Map<string, string | null>();
  for (const c of report.clusters) {
    const m = c.members.find((x) => byId.get(x.document)?.wire === true);
    clusterWire.set(c.id, c.wire && m !== undefined ? wireSentenceAt(m.document, m.start, m.end) : null);
  }

  let linkTrue = 0;
  let linkPred = 0;
  let linkAll = 0;
  let addTrue = 0;
  let addPred = 0;
  let addAll = 0;
  let cutTrue = 0;
  let cutPred = 0;
  let cutAll = 0;
  for (const doc of report.documents) {
    const a = byId.get(doc.id);
    if (a === undefined || a.wire || a.story === null) continue;
    const where = spans.get(doc.id)!;
    a.sentences.forEach((t, i) => {
      if (t.kind === 'chrome') return;
      const [s, e] = where[i]!;
      const segs = doc.segments.filter((g) => g.start < e && s < g.end);
      const predicted = new Set<string>();
      for (const g of segs) for (const c of g.clusters) {
        const w = clusterWire.get(c);
        if (w !== null && w !== undefined) predicted.add(w);
      }
      const truth = new Set(t.sources);
      linkAll += truth.size;
      linkPred += predicted.size;
      for (const w of predicted) if (truth.has(w)) linkTrue++;
      const saidAdded = segs.length > 0 && segs.every((g) => g.kind === 'added');
      if (t.kind === 'added') addAll++;
      if (saidAdded) addPred++;
      if (saidAdded && t.kind === 'added') addTrue++;
    });
    const predictedCut = new Set(doc.cut.map((c) => clusterWire.get(c)).filter((w): w is string => typeof w === 'string'));
    const truthCut = new Set(a.cut);
    cutAll += truthCut.size;
    cutPred += predictedCut.size;
    for (const w of predictedCut) if (truthCut.has(w)) cutTrue++;
  }
  const truthStories = report.documents.map((d) => byId.get(d.id)?.story ?? `solo:${d.id}`);
  const predictedStories = report.documents.map((d) => d.story ?? `solo:${d.id}`);
  return {
    storyAri: adjustedRandIndex(truthStories, predictedStories),
    linkPrecision: ratio(linkTrue, linkPred),
    linkRecall: ratio(linkTrue, linkAll),
    addedPrecision: ratio(addTrue, addPred),
    addedRecall: ratio(addTrue, addAll),
    cutPrecision: ratio(cutTrue, cutPred),
    cutRecall: ratio(cutTrue, cutAll),
  };
}
