/**
 * The alignment stage, per story: passages are linked and clustered, the wire text is chosen
 * (shared passages, passages that credit the agency, a credited reprint's other sentences, or
 * the reference's passages), put in order, and every outlet passage that carries wire copy is
 * diffed against its canonical text(s).
 */

import { clusterLinkedPassages, type RawCluster } from '../cluster/clusters.js';
import { defaultLinkOptions, linkPassages, sortedLinks, type Links } from '../cluster/links.js';
import { referenceClusters } from '../cluster/reference.js';
import { firstCopies } from '../cluster/repeats.js';
import { figuresAndNames, sourceWords, type SourcedWord } from '../diff/sourced.js';
import { diffPassage, wordSimilarity, type PassageDiff } from '../diff/word.js';
import { ownCopy, type Doc } from '../document/document.js';
import type { Passage } from '../document/passage.js';
import { STOPWORDS } from '../normalize/stopwords.js';
import type { LinkOptions, ReportCluster } from '../types.js';
import { figureEvidence } from './figures.js';
import { consensusOrder } from './order.js';
import { findVersions, referenceVersions, type StoryVersions } from './versions.js';

/** A cluster of the story with its id, role and wire position. */
export interface StoryCluster extends RawCluster {
  id: string;
  wire: boolean;
  basis: ReportCluster['basis'];
  position: number | null;
}

/** What a story's alignment gives the report. */
export interface StoryAlignment {
  /** The story's passages, document after document. */
  passages: Passage[];
  /** Index of each document's first passage in `passages`. */
  passageIndex: Map<Doc, number>;
  clusters: StoryCluster[];
  /** Cluster indices per passage. */
  memberOf: number[][];
  /** Diff of every wire member against its canonical text(s). */
  diffs: Map<number, PassageDiff>;
  /** Ids of the wire clusters in wire order. */
  wireIds: string[];
  /** The clusters as the report shows them. */
  reportClusters: ReportCluster[];
  /** The story's wire versions, when outlets took more than one (with references: the references). */
  versions: StoryVersions | null;
  /** Wire clusters whose text differs from one version to the next that has it. */
  versionDifferences: Array<{ cluster: number; from: number; to: number; changes: PassageDiff['changes'] }>;
  /**
   * Per wire cluster, the other wire clusters a member of it is linked to: one wire sentence whose
   * copies formed two clusters (outlets that reworded it alike, apart from its verbatim copies).
   */
  related: ReadonlyMap<number, ReadonlySet<number>>;
}

/** What {@link alignStory} needs besides the documents. */
export interface AlignSettings {
  /** The story's agency, or `null`. */
  readonly agency: string | null;
  /** Input indices of the named references, in the order named (empty: the wire is reconstructed). */
  readonly referenceIndices: readonly number[];
  /** Share of shared wire sentences that makes a credited outlet a reprint. */
  readonly creditedWireShare: number;
  /** Link thresholds. */
  readonly links?: LinkOptions | undefined;
  /** Normalised words the input writes in lower case (a capitalised first word is then no name). */
  readonly lowerSeen: ReadonlySet<string>;
  /** Wire share of a body that makes a document a reprint, a version's evidence (`whollyDerived`). */
  readonly reprintShare: number;
}

/** A sentence rather than a headline or subheading: ends like a sentence, or is long. */
function isSentence(text: string, p: Passage): boolean {
  return /[.!?]["'”’)]*$/u.test(text.slice(p.start, p.end)) || p.words.length >= 15;
}

/**
 * Aligns one story of two or more documents.
 *
 * @param storyId - Its id (`s1`, …).
 * @param storyDocs - Its documents.
 * @param settings - Agency, reference, thresholds.
 * @returns Clusters, wire order and diffs.
 */
export function alignStory(storyId: string, storyDocs: readonly Doc[], settings: AlignSettings): StoryAlignment {
  const { agency, referenceIndices, creditedWireShare } = settings;
  const referenced = referenceIndices.length > 0;
  const passages: Passage[] = [];
  const docOf: Doc[] = [];
  const passageIndex = new Map<Doc, number>();
  for (const d of storyDocs) {
    passageIndex.set(d, passages.length);
    for (const p of d.passages) {
      passages.push(p);
      docOf.push(d);
    }
  }
  // Diff words are built per story and released with it: a 10k-article folder never holds them all.
  const sourced = new Map(storyDocs.map((d) => [d, sourceWords(d.text, d.passages, settings.lowerSeen)]));
  const linkOptions = { ...defaultLinkOptions, ...settings.links };
  // Later exact copies of a sentence in one document take part through their first copy only.
  const firstOf = firstCopies(passages);
  const distinct = passages.map((_, g) => g).filter((g) => firstOf[g] === g);
  const links =
    referenced
      ? referenceLinks(storyDocs, passages, passageIndex, referenceIndices, linkOptions, firstOf)
      : placeLinks(
          linkPassages(
            distinct.map((g) => passages[g]!),
            linkOptions,
          ),
          distinct,
        );
  const sourcedOf = (g: number): SourcedWord[] => sourced.get(docOf[g]!)![passages[g]!.index]!;
  const attributed = (g: number): boolean =>
    agency !== null &&
    docOf[g]!.credits.some((c) => c.kind === 'in-text' && c.agency === agency && c.start >= passages[g]!.start && c.end <= passages[g]!.end);

  let raw: RawCluster[];
  const basis: Array<ReportCluster['basis']> = [];
  if (referenced) {
    raw = referenceClusters(passages, links, referenceIndices);
    for (const c of raw) basis.push(referenceIndices.includes(passages[c.canonical]!.doc) ? 'reference' : null);
  } else {
    // The agency's own copy (its outlet is the agency) says what the wire is: its passage is a
    // cluster's canonical text, and when the story holds one, a passage only two outlets share
    // and the agency's copy lacks is theirs, not the wire's (two papers' own sentences on one
    // concert, or another agency's copy both used). Three outlets or more still attest a take of
    // the agency's that the input lacks.
    const own = new Set(storyDocs.filter((d) => ownCopy(d.article.outlet, agency)).map((d) => d.index));
    raw = clusterLinkedPassages(passages, links, (g) => own.has(passages[g]!.doc));
    for (const c of raw) {
      const docsIn = new Set(c.members.map((m) => passages[m]!.doc));
      const attested = docsIn.size >= 2 && (own.size === 0 || docsIn.size >= 3 || [...docsIn].some((d) => own.has(d)));
      basis.push(attested ? 'shared' : c.members.some(attributed) ? 'credited' : null);
    }
    // Wire copy no other outlet kept: a passage that credits the agency in-text, or a sentence
    // of an outlet that credits the agency and carries mostly shared wire text (a reprint).
    const clustered = new Set(raw.flatMap((c) => c.members));
    const shared = new Set(raw.filter((_, k) => basis[k] === 'shared').flatMap((c) => c.members));
    const reprint = new Set(
      storyDocs
        .filter((d) => agency !== null && d.reprintCredits.includes(agency))
        .filter((d) => {
          const base = passageIndex.get(d)!;
          const n = d.passages.filter((p) => shared.has(base + p.index)).length;
          return d.passages.length > 0 && n / d.passages.length >= creditedWireShare;
        })
        .map((d) => d.index),
    );
    passages.forEach((p, g) => {
      if (clustered.has(g)) return;
      if (attributed(g) || (reprint.has(p.doc) && isSentence(docOf[g]!.text, p))) {
        raw.push({ members: [g], canonical: g });
        basis.push('credited');
      }
    });
  }
  const wireFlags = basis.map((b) => b !== null);
  // A cluster inside one outlet that is not wire copy (a subheading and its paragraph) says nothing.
  const keepCluster = raw.map((c, k) => wireFlags[k] || new Set(c.members.map((m) => passages[m]!.doc)).size >= 2);
  raw = raw.filter((_, k) => keepCluster[k]);
  const keptBasis = basis.filter((_, k) => keepCluster[k]);
  const keptWire = wireFlags.filter((_, k) => keepCluster[k]);

  // Wire order: the reference's order, or the consensus of the takes' (or the outlets') orders.
  const order =
    referenceIndices.length === 1
      ? raw
          .map((_, k) => k)
          .sort((x, y) => (keptWire[y]! ? 1 : 0) - (keptWire[x]! ? 1 : 0) || passages[raw[x]!.canonical]!.index - passages[raw[y]!.canonical]!.index || x - y)
      : consensusOrder(raw, keptWire, passages);
  const clusters: StoryCluster[] = [];
  let w = 0;
  let x = 0;
  for (const k of order) {
    const wire = keptWire[k]!;
    clusters.push({ ...raw[k]!, wire, basis: keptBasis[k]!, position: wire ? w : null, id: wire ? `${storyId}.w${++w}` : `${storyId}.x${++x}` });
  }
  const memberOf: number[][] = passages.map(() => []);
  clusters.forEach((c, k) => {
    for (const m of c.members) memberOf[m]!.push(k);
  });
  passages.forEach((_, g) => {
    if (firstOf[g] !== g) memberOf[g] = [...memberOf[firstOf[g]!]!];
  });

  // Versions: which take of the wire each outlet follows, and each version's text of a passage.
  const wireOf = memberOf.map((ks) => ks.filter((k) => clusters[k]!.wire));
  const versionInput = { docs: storyDocs, passageIndex, wireOf, reprintShare: settings.reprintShare, ...figureEvidence(storyDocs, passageIndex, wireOf, sourcedOf) };
  const versions = !referenced
    ? findVersions(versionInput)
    : referenceIndices.length >= 2
      ? referenceVersions(
          referenceIndices.map((i) => storyDocs.find((d) => d.index === i)!),
          versionInput,
        )
      : null;
  // A version's text of a passage: the wording most of its reprints give; on a tie, the one more
  // of the version's other copies keep (an outlet's rewording of one reprint's sentence does not
  // win over the take's own wording), then the one closest to the cluster's text, then the first
  // reprint's. Other copies never supply a wording of their own: an outlet's rewording is not the
  // agency's.
  const versionCanonical = new Map<number, number[]>();
  if (versions !== null)
    versions.versions.forEach((v, i) => {
      const texts = new Map<number, Map<string, { g: number; n: number; kept: number }>>();
      const wordings = (d: Doc, each: (k: number, key: string, g: number) => void): void => {
        const base = passageIndex.get(d)!;
        for (const p of d.passages) {
          const g = base + p.index;
          // A sentence that merges two wire passages is no version's text of either.
          if (firstOf[g] !== g || wireOf[g]!.length !== 1) continue;
          each(wireOf[g]![0]!, p.words.map((w) => w.norm).join(' '), g);
        }
      };
      for (const d of v.anchors)
        wordings(d, (k, key, g) => {
          const byText = texts.get(k) ?? new Map<string, { g: number; n: number; kept: number }>();
          const seen = byText.get(key) ?? { g, n: 0, kept: 0 };
          seen.n++;
          byText.set(key, seen);
          texts.set(k, byText);
        });
      for (const d of storyDocs)
        if (!v.anchors.includes(d) && versions.ofDocument.get(d)?.version === i)
          wordings(d, (k, key) => {
            const seen = texts.get(k)?.get(key);
            if (seen !== undefined) seen.kept++;
          });
      for (const [k, byText] of texts) {
        // Then the wording closest to the cluster's (a whole sentence over one an outlet split).
        const closeness = (g: number): number => wordSimilarity(sourcedOf(clusters[k]!.canonical), sourcedOf(g));
        const best = [...byText.values()].map((x) => ({ ...x, close: byText.size > 1 ? closeness(x.g) : 1 })).sort((a, b) => b.n - a.n || b.kept - a.kept || b.close - a.close || a.g - b.g)[0]!;
        const list = versionCanonical.get(k) ?? versions.versions.map(() => -1);
        list[i] = best.g;
        versionCanonical.set(k, list);
      }
    });
  // The text an outlet's passage is measured against: of the cluster's canonical text and the
  // texts of the versions it may have taken, the closest (a toll the agency updated between
  // versions is then no change of the outlet's).
  const canonicalFor = (k: number, g: number): number => {
    const list = versionCanonical.get(k);
    if (versions === null || list === undefined) return clusters[k]!.canonical;
    const followed = versions.ofDocument.get(docOf[g]!)!;
    const mayHave = (i: number): boolean => (typeof followed.version === 'number' ? followed.version === i : followed.version === 'mixed' ? followed.evidence.has(i) : true);
    const candidates = [...new Set([clusters[k]!.canonical, ...list.filter((c, i) => c >= 0 && mayHave(i))])];
    if (candidates.includes(g)) return g;
    if (candidates.length === 1) return candidates[0]!;
    const mine = sourcedOf(g);
    let best = candidates[0]!;
    let bestSimilarity = -1;
    for (const c of candidates) {
      const similarity = wordSimilarity(sourcedOf(c), mine);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [c, similarity];
    }
    return best;
  };

  // What the agency changed between versions (a toll updated): no outlet's change.
  const versionDifferences: StoryAlignment['versionDifferences'] = [];
  for (const [k, list] of [...versionCanonical].sort((a, b) => clusters[a[0]]!.position! - clusters[b[0]]!.position!)) {
    const present = list.map((g, i) => ({ g, i })).filter((x) => x.g >= 0);
    for (let t = 1; t < present.length; t++) {
      const d = diffPassage(sourcedOf(present[t - 1]!.g), sourcedOf(present[t]!.g));
      if (!d.verbatim && d.changes.length > 0) versionDifferences.push({ cluster: k, from: present[t - 1]!.i, to: present[t]!.i, changes: d.changes });
    }
  }

  // Diffs of every wire member against its canonical text(s), with the figures and names of the
  // whole wire text and of each outlet (one moved from one sentence to another is not changed).
  const figuresOf = (gs: readonly number[]): Set<string> => figuresAndNames(gs.map(sourcedOf));
  const wireFigures = figuresOf(clusters.filter((c) => c.wire).map((c) => c.canonical));
  const outletFigures = new Map<Doc, Set<string>>();
  const figures = (d: Doc): { wire: Set<string>; outlet: Set<string> } => {
    let o = outletFigures.get(d);
    if (o === undefined) {
      const base = passageIndex.get(d)!;
      outletFigures.set(d, (o = figuresOf(d.passages.map((_, i) => base + i))));
    }
    return { wire: wireFigures, outlet: o };
  };
  const diffs = new Map<number, PassageDiff>();
  passages.forEach((p, g) => {
    const wireClusters = wireOf[g]!;
    if (wireClusters.length === 0) return;
    // A reference is the wire text: each of its passages is its take's own wording, never a change.
    if (referenceIndices.includes(p.doc) || wireClusters.some((k) => canonicalFor(k, g) === g)) {
      diffs.set(g, { verbatim: true, similarity: 1, kept: 1, parts: [], changes: [] });
      return;
    }
    const mine = sourcedOf(g);
    // Merged wire sentences are compared in the order the outlet uses them.
    const canon = wireClusters
      .map((k) => {
        const words = sourcedOf(canonicalFor(k, g));
        const first = firstSharedPosition(words, mine);
        return { k, words, first };
      })
      .sort((a, b) => a.first - b.first || clusters[a.k]!.position! - clusters[b.k]!.position!);
    diffs.set(g, diffPassage(canon.flatMap((c) => c.words), mine, { passageStart: p.start, passageEnd: p.end, elsewhere: figures(docOf[g]!) }));
  });

  const reportClusters: ReportCluster[] = clusters.map((c) => {
    const cp = passages[c.canonical]!;
    const cd = docOf[c.canonical]!;
    return {
      id: c.id,
      story: storyId,
      wire: c.wire,
      basis: c.basis,
      attestedBy: new Set(c.members.map((m) => passages[m]!.doc)).size,
      position: c.position,
      canonical: { document: cd.article.id, start: cp.start, end: cp.end, text: cd.text.slice(cp.start, cp.end) },
      members: c.members.map((m) => ({
        document: docOf[m]!.article.id,
        start: passages[m]!.start,
        end: passages[m]!.end,
        similarity: m === c.canonical ? 1 : (diffs.get(m)?.similarity ?? wordSimilarity(sourcedOf(c.canonical), sourcedOf(m))),
      })),
    };
  });
  const related = new Map<number, Set<number>>();
  const relate = (ka: number, kb: number): void => {
    if (ka === kb) return;
    related.set(ka, (related.get(ka) ?? new Set()).add(kb));
    related.set(kb, (related.get(kb) ?? new Set()).add(ka));
  };
  // Passages by their set of wire clusters (-1: none), and each passage's links (they come
  // sorted by it) read for the sets they reach, each set once: a story of a thousand copies has
  // millions of links, nearly all between passages of the same few sets.
  const setIds = new Map<string, number>();
  const sets: (readonly number[])[] = [];
  const setOf = Int32Array.from(wireOf, (ks) => {
    if (ks.length === 0) return -1;
    const key = ks.join(',');
    let id = setIds.get(key);
    if (id === undefined) {
      setIds.set(key, (id = sets.length));
      sets.push(ks);
    }
    return id;
  });
  const reachedBy = new Int32Array(sets.length).fill(-1);
  for (let k = 0; k < links.length; ) {
    const a = links.a[k]!;
    const sa = setOf[a]!;
    for (; k < links.length && links.a[k] === a; k++) {
      const sb = setOf[links.b[k]!]!;
      if (sa < 0 || sb < 0 || reachedBy[sb] === a) continue;
      reachedBy[sb] = a;
      for (const x of sets[sa]!) for (const y of sets[sb]!) relate(x, y);
    }
  }
  return {
    passages,
    passageIndex,
    clusters,
    memberOf,
    diffs,
    wireIds: clusters.filter((c) => c.wire).map((c) => c.id),
    reportClusters,
    versions,
    versionDifferences,
    related,
  };
}

/**
 * Links of a story measured against a reference: each outlet is linked with the reference alone,
 * so what an outlet is said to carry of the reference does not depend on which other outlets are
 * in the folder; links between outlets (passages the reference lacks) come from all of them.
 */
function referenceLinks(
  storyDocs: readonly Doc[],
  passages: readonly Passage[],
  passageIndex: ReadonlyMap<Doc, number>,
  referenceIndices: readonly number[],
  options: Required<LinkOptions>,
  firstOf: readonly number[],
): Links {
  const references = referenceIndices.map((i) => storyDocs.find((d) => d.index === i)!);
  const distinctOf = (d: Doc): number[] => {
    const base = passageIndex.get(d)!;
    return d.passages.map((_, i) => base + i).filter((g) => firstOf[g] === g);
  };
  const out: Array<{ a: number; b: number; score: number }> = [];
  // Each document with each reference alone (and the takes with each other): links between the two only.
  references.forEach((reference, r) => {
    const refPassages = distinctOf(reference);
    for (const d of storyDocs) {
      if (d === reference || references.indexOf(d) > r) continue;
      const globals = [...refPassages, ...distinctOf(d)];
      const links = linkPassages(
        globals.map((g) => passages[g]!),
        options,
      );
      for (let k = 0; k < links.length; k++) {
        const a = globals[links.a[k]!]!;
        const b = globals[links.b[k]!]!;
        // Only reference ↔ document links: repeats inside one document come from the full run.
        if ((passages[a]!.doc === reference.index) === (passages[b]!.doc === reference.index)) continue;
        out.push({ a: Math.min(a, b), b: Math.max(a, b), score: links.score[k]! });
      }
    }
  });
  const others = storyDocs.filter((d) => !references.includes(d));
  if (others.length >= 2) {
    const offsets = others.flatMap(distinctOf);
    const links = linkPassages(
      offsets.map((g) => passages[g]!),
      options,
    );
    for (let k = 0; k < links.length; k++) {
      const [a, b] = [offsets[links.a[k]!]!, offsets[links.b[k]!]!];
      out.push({ a: Math.min(a, b), b: Math.max(a, b), score: links.score[k]! });
    }
  }
  return sortedLinks(out);
}

/** Links between `places[a]` and `places[b]` instead of `a` and `b` (in place: the links are fresh; `places` ascends, so they stay sorted). */
function placeLinks(links: Links, places: readonly number[]): Links {
  for (let k = 0; k < links.length; k++) {
    links.a[k] = places[links.a[k]!]!;
    links.b[k] = places[links.b[k]!]!;
  }
  return links;
}

/** Where the passage first uses a content word of the canonical text (Infinity when never). */
function firstSharedPosition(canonical: readonly SourcedWord[], passage: readonly SourcedWord[]): number {
  const words = new Set(canonical.filter((w) => !STOPWORDS.has(w.norm)).map((w) => w.norm));
  const i = passage.findIndex((w) => words.has(w.norm));
  return i < 0 ? Infinity : i;
}
