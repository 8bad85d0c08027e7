/**
 * What the feed says of one article against its story's recent articles: the passages it
 * shares with them, the wire passages it carries, its derived share, verdict and credit. The
 * links and clusters come from the cluster stage, the verdict from the report stage.
 */

import { clusterLinkedPassages } from '../cluster/clusters.js';
import { linkPassages } from '../cluster/links.js';
import { figuresAndNames, lowerCaseWords, sourceWords, type SourcedWord } from '../diff/sourced.js';
import { diffPassage } from '../diff/word.js';
import { majorityAgency, ownCopy, type Doc } from '../document/document.js';
import { creditsAgency, roundShare, verdictFor, type VerdictThresholds } from '../report/verdict.js';
import type { LinkOptions } from '../types.js';
import type { IndexResult } from './types.js';

/** The parts of a result that do not depend on the comparison. */
export type ResultBase = Pick<IndexResult, 'id' | 'story' | 'newStory' | 'merged' | 'alreadyIndexed'>;

/**
 * Compares an article with other articles of its story.
 *
 * @param doc - The article's document.
 * @param others - Documents of the story's recent articles (without the article).
 * @param base - Story placement.
 * @param thresholds - Verdict thresholds.
 * @param linkOptions - Link thresholds, as compare takes them.
 * @returns The full result.
 */
export function evaluateArticle(doc: Doc, others: readonly Doc[], base: ResultBase, thresholds: VerdictThresholds, linkOptions: LinkOptions = {}): IndexResult {
  const docs = [...others, doc];
  const passages = docs.flatMap((d, i) => d.passages.map((x) => ({ ...x, doc: i })));
  const own = passages.length - doc.passages.length;
  const links = linkPassages(passages, linkOptions);
  const linkedTo = new Map<number, number[]>();
  for (let k = 0; k < links.length; k++) {
    const a = links.a[k]!;
    const b = links.b[k]!;
    // Links between the arrival (places from `own` on) and another article.
    if (a >= own || b < own) continue;
    let to = linkedTo.get(b);
    if (to === undefined) linkedTo.set(b, (to = []));
    to.push(a);
  }
  let body = 0;
  let derived = 0;
  const matches: IndexResult['matches'] = [];
  for (let g = own; g < passages.length; g++) {
    const x = passages[g]!;
    body += x.end - x.start;
    const to = linkedTo.get(g);
    if (to === undefined) continue;
    derived += x.end - x.start;
    for (const o of to) {
      const y = passages[o]!;
      matches.push({ start: x.start, end: x.end, document: docs[y.doc]!.article.id, documentStart: y.start, documentEnd: y.end });
    }
  }
  // The wire passages it carries: clusters (verified around a centre, as in the report) that
  // hold one of its passages and span two or more articles, each named by its canonical text.
  const wire: IndexResult['wire'] = [];
  // Its passages diffed against the canonical text, as the report's diff stage does, to count
  // the quotations it altered and the numbers it changed.
  // (Read only when a diff is needed: most arrivals share no passage with two other articles.)
  let lowerSeen: ReturnType<typeof lowerCaseWords> | undefined;
  const sourced = new Map<number, SourcedWord[][]>();
  const sourcedOf = (g: number): SourcedWord[] => {
    const x = passages[g]!;
    lowerSeen ??= lowerCaseWords(docs);
    if (!sourced.has(x.doc)) sourced.set(x.doc, sourceWords(docs[x.doc]!.text, docs[x.doc]!.passages, lowerSeen));
    return sourced.get(x.doc)![x.index]!;
  };
  let alteredQuotes = 0;
  let changedNumbers = 0;
  // The agency's own copy gives a cluster its canonical text, as in compare.
  const storyAgency = majorityAgency(docs);
  const agencyCopy = docs.map((d) => ownCopy(d.article.outlet, storyAgency));
  const clusters = clusterLinkedPassages(passages, links, (g) => agencyCopy[passages[g]!.doc]!).map((c) => ({ ...c, docsIn: new Set(c.members.map((m) => passages[m]!.doc)) }));
  // Figures and names of the wire text (passages two articles share) and of the article, as the
  // report diffs them: one moved from one sentence to another is not changed.
  const figuresOf = (gs: readonly number[]): Set<string> => figuresAndNames(gs.map(sourcedOf));
  let figures: { wire: Set<string>; outlet: Set<string> } | undefined;
  const elsewhere = (): { wire: Set<string>; outlet: Set<string> } =>
    (figures ??= {
      wire: figuresOf(clusters.filter((c) => c.docsIn.size >= 2).map((c) => c.canonical)),
      outlet: figuresOf(passages.map((_, g) => g).filter((g) => g >= own)),
    });
  for (const c of clusters) {
    if (!c.members.some((m) => m >= own)) continue;
    const docsIn = c.docsIn;
    if (docsIn.size < 2) continue;
    // Between two articles, which one changed the text is not knowable: a change is counted
    // only in a wire passage that two other articles also carry.
    if (docsIn.size >= 3)
      for (const m of c.members) {
        if (m < own || m === c.canonical) continue;
        // Figures stated elsewhere only turn a number change into none (never make a quote or
        // one): read them only when the passage has a number change.
        let changes = diffPassage(sourcedOf(c.canonical), sourcedOf(m)).changes;
        if (changes.some((x) => x.type === 'number')) changes = diffPassage(sourcedOf(c.canonical), sourcedOf(m), { elsewhere: elsewhere() }).changes;
        if (changes.some((x) => x.type === 'quote')) alteredQuotes++;
        changedNumbers += changes.filter((x) => x.type === 'number').length;
      }
    const canon = passages[c.canonical]!;
    const d = docs[canon.doc]!;
    wire.push({
      canonical: { document: d.article.id, start: canon.start, end: canon.end, text: d.text.slice(canon.start, canon.end) },
      attestedBy: docsIn.size,
      passages: c.members.filter((m) => m >= own).map((m) => ({ start: passages[m]!.start, end: passages[m]!.end })),
    });
  }
  const derivedShare = body === 0 ? 0 : roundShare(derived / body);
  const agency = storyAgency ?? majorityAgency([doc]);
  const verdict = verdictFor(derived, derivedShare, thresholds);
  const credited = creditsAgency(doc, agency);
  return {
    ...base,
    verdict,
    derivedShare,
    credited,
    uncreditedReuse: verdict !== 'non-derived' && !credited,
    alteredQuotes,
    changedNumbers,
    provisional: true,
    ...(doc.article.outlet !== undefined ? { outlet: doc.article.outlet } : {}),
    attribution: doc.credits.map((c) => ({ agency: c.agency, start: c.start, end: c.end, kind: c.kind })),
    wire,
    matches,
  };
}
