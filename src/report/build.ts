/**
 * The document report: an outlet's segments (boilerplate, verbatim, reworded, added), the wire
 * passages it cut or moved (none when it took no wire copy), its verdict and its credit, from its
 * story's alignment.
 */

import { longestIncreasing } from '../align/order.js';
import type { StoryAlignment } from '../align/story.js';
import { ownCopy, type Doc } from '../document/document.js';
import type { Attribution, DocumentReport, ReportSegment, ReportStory } from '../types.js';
import { creditsAgency, roundShare, verdictFor, type VerdictThresholds } from './verdict.js';

/**
 * Builds one document's report.
 *
 * @param doc - The prepared document.
 * @param storyId - Its story, or `null` when it stands alone.
 * @param agency - The story's agency (or the document's own), or `null`.
 * @param story - The story's alignment, or `null`.
 * @param thresholds - Verdict thresholds.
 * @param isReference - Whether it is the named reference (no verdict, no credit flag).
 * @returns The document report.
 */
export function buildDocumentReport(
  doc: Doc,
  storyId: string | null,
  agency: string | null,
  story: StoryAlignment | null,
  thresholds: VerdictThresholds,
  isReference = false,
): DocumentReport {
  const segments: ReportSegment[] = doc.chrome.map((c) => ({ start: c.start, end: c.end, kind: 'boilerplate', clusters: [], reason: c.reason }));
  for (const o of doc.overLimit) segments.push({ start: o.start, end: o.end, kind: 'boilerplate', clusters: [], reason: 'over-limit' });
  const carried = new Map<number, number>(); // cluster index → first passage index in this doc
  const base = story?.passageIndex.get(doc) ?? 0;
  for (const p of doc.passages) {
    const g = base + p.index;
    const ks = story?.memberOf[g] ?? [];
    const ids = ks.map((k) => story!.clusters[k]!.id);
    const wire = ks.filter((k) => story!.clusters[k]!.wire);
    for (const k of wire) if (!carried.has(k)) carried.set(k, p.index);
    const diff = story?.diffs.get(g);
    if (wire.length === 0 || diff === undefined) {
      segments.push({ start: p.start, end: p.end, kind: 'added', clusters: ids });
    } else if (diff.verbatim) {
      segments.push({ start: p.start, end: p.end, kind: 'verbatim', clusters: ids, similarity: diff.similarity });
    } else {
      segments.push({
        start: p.start,
        end: p.end,
        kind: 'reworded',
        clusters: ids,
        similarity: diff.similarity,
        changes: diff.changes.map((c) => ({ ...c })),
        diff: diff.parts.map((x) => ({ ...x })),
      });
    }
  }
  segments.sort((a, b) => a.start - b.start || a.end - b.end);

  let body = 0;
  let derived = 0;
  for (const s of segments) {
    if (s.kind === 'boilerplate') continue;
    body += s.end - s.start;
    if (s.kind !== 'added') derived += s.end - s.start;
  }
  const derivedShare = body === 0 ? 0 : roundShare(derived / body);
  const verdict = verdictFor(derived, derivedShare, thresholds);
  // An article that took no wire copy (non-derived) cut nothing and moved nothing: the wire
  // passages it lacks are not its edits (a paper's own court report does not "cut" the agency's).
  const took = isReference || verdict !== 'non-derived';

  const wireClusters = story === null ? [] : story.clusters.map((c, k) => ({ c, k })).filter(({ c }) => c.wire);
  // With versions, an outlet answers for the passages of the version it followed: the others it
  // lacks were never in what it took.
  const followed = story?.versions?.ofDocument.get(doc);
  // A wire sentence it carries under another cluster (its copies clustered in two) is no cut.
  const carriesRelated = (k: number): boolean => [...(story?.related.get(k) ?? [])].some((x) => carried.has(x));
  const lacking = wireClusters.filter(({ k }) => !carried.has(k) && !carriesRelated(k));
  // The agency's own copy is one of its takes: a wire passage it lacks was not in that take (a
  // later write-through's paragraph, a line its outlets share), not something it cut or moved.
  const own = !isReference && ownCopy(doc.article.outlet, agency);
  const answersFor = (k: number): boolean => !own && (followed === undefined || followed.scope.has(k));
  const inScope = lacking.filter(({ k }) => answersFor(k)).map(({ c }) => c.id);
  const cut = took ? inScope : [];
  const notInVersion = took ? lacking.filter(({ k }) => !answersFor(k)).map(({ c }) => c.id) : [];
  const versionId = (i: number): string => `${storyId}.v${i + 1}`;
  const version = followed === undefined || followed.version === null ? null : followed.version === 'mixed' ? 'mixed' : versionId(followed.version);
  const versionEvidence =
    followed === undefined
      ? []
      : [...followed.evidence]
          .sort((a, b) => a[0] - b[0])
          .map(([i, ks]) => ({ version: versionId(i), clusters: [...ks].sort((x, y) => story!.clusters[x]!.position! - story!.clusters[y]!.position!).map((k) => story!.clusters[k]!.id) }));
  const carriedList = [...carried].sort((a, b) => a[1] - b[1] || story!.clusters[a[0]]!.position! - story!.clusters[b[0]]!.position!);
  const keep = longestIncreasing(carriedList.map(([k]) => story!.clusters[k]!.position!));
  const moved = carriedList
    .filter((_, i) => took && !own && !keep.has(i))
    .map(([k]) => story!.clusters[k]!)
    .sort((a, b) => a.position! - b.position!)
    .map((c) => c.id);

  const attribution: Attribution[] = doc.credits.map((c) => ({ agency: c.agency, start: c.start, end: c.end, kind: c.kind }));
  const credited = creditsAgency(doc, agency);
  const count = (k: ReportSegment['kind']): number => segments.filter((s) => s.kind === k).length;
  const a = doc.article;
  return {
    id: a.id,
    story: storyId,
    role: isReference ? 'reference' : 'outlet',
    verdict: isReference ? null : verdict,
    derivedShare,
    // Of what it could have carried: its version's passages (every wire passage with one version;
    // an own copy's take is what it carries).
    coverage: carried.size + inScope.length === 0 ? 0 : roundShare(carried.size / (carried.size + inScope.length)),
    credited,
    uncreditedReuse: !isReference && verdict !== 'non-derived' && !credited,
    attribution,
    ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
    segments,
    cut,
    notInVersion,
    version,
    versionEvidence,
    moved,
    ...(doc.evasion.homoglyphWords + doc.evasion.invisibleWords > 0 ? { evasion: { ...doc.evasion } } : {}),
    counts: {
      verbatim: count('verbatim'),
      reworded: count('reworded'),
      added: count('added'),
      boilerplate: count('boilerplate'),
      cut: cut.length,
      moved: moved.length,
      alteredQuotes: segments.filter((s) => s.changes?.some((c) => c.type === 'quote')).length,
      notInVersion: notInVersion.length,
    },
  };
}

/**
 * The warning a limit gives in the report.
 *
 * @param limit - The option's name.
 * @param value - Its value.
 * @returns One sentence.
 */
export function limitMessage(limit: string, value: number): string {
  switch (limit) {
    case 'maxChars':
      return `only the first ${value} characters were analysed (maxChars); the rest is marked over-limit`;
    case 'maxSentencesPerDocument':
      return `only the first ${value} sentences were aligned (maxSentencesPerDocument); the rest are marked over-limit`;
    default:
      return `not compared with its story, which has more than ${value} articles (maxArticlesPerStory)`;
  }
}

/**
 * A story's versions as the report gives them.
 *
 * @param storyId - The story id.
 * @param story - Its alignment.
 * @returns `versions`, `core` and `versionDifferences` of the story report (empty with one version).
 */
export function buildStoryVersions(storyId: string, story: StoryAlignment): Pick<ReportStory, 'versions' | 'core' | 'versionDifferences'> {
  const v = story.versions;
  if (v === null) return { versions: [], core: [], versionDifferences: [] };
  const id = (i: number): string => `${storyId}.v${i + 1}`;
  const inOrder = (set: ReadonlySet<number>): string[] => story.clusters.filter((c, k) => c.wire && set.has(k)).map((c) => c.id);
  return {
    versions: v.versions.map((x, i) => ({ id: id(i), documents: x.anchors.map((d) => d.article.id).sort(), wire: inOrder(x.clusters) })),
    core: inOrder(v.core),
    versionDifferences: story.versionDifferences.map((d) => ({
      cluster: story.clusters[d.cluster]!.id,
      versions: [id(d.from), id(d.to)],
      changes: d.changes.map((c) => ({ type: c.type, from: c.from, to: c.to })),
    })),
  };
}

/**
 * A story's named references, in the order named (a report written before `references` existed
 * names at most one, in `reference`).
 *
 * @param story - A story of a report.
 * @returns The reference ids (empty when the wire was reconstructed).
 */
export function storyReferences(story: Pick<ReportStory, 'reference' | 'references'>): readonly string[] {
  return (story as { references?: string[] }).references ?? (story.reference !== null ? [story.reference] : []);
}
