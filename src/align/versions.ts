/**
 * Wire versions: agencies publish a story several times as it develops (a first take, then
 * write-throughs that add paragraphs, drop others and update figures), and outlets take different
 * ones. Without a reference the versions are read off the figures first (copies that give a
 * sentence's toll in groups are the takes' copies), else off the near-complete reprints: two
 * reprints that share the lede and a core but each carry a block of wire passages the other lacks
 * are copies of two versions. Every outlet then follows one version (or several: `mixed`), and
 * only the passages of what it followed are cuts.
 */

import type { Doc } from '../document/document.js';
import type { FigureEvidence } from './figures.js';

/** What a story's documents carry, as the version stage reads it (and its figures, when read). */
export interface VersionInput extends Partial<FigureEvidence> {
  readonly docs: readonly Doc[];
  readonly passageIndex: ReadonlyMap<Doc, number>;
  /** Wire cluster indices per passage (repeats included). */
  readonly wireOf: readonly (readonly number[])[];
  /** Share of a document's body that is wire copy from which it is a reprint (an anchor). */
  readonly reprintShare: number;
}

/** One reconstructed version. */
export interface WireVersion {
  /** Its documents that define it (near-complete reprints), largest first. */
  readonly anchors: readonly Doc[];
  /** Wire cluster indices its anchors carry. */
  readonly clusters: ReadonlySet<number>;
}

/** Which version a document follows. */
export interface DocumentVersion {
  /** Index into the versions, `'mixed'` for passages of several, `null` when its text cannot tell. */
  readonly version: number | 'mixed' | null;
  /** Per version, the passages only some versions have that it carries: what decided. */
  readonly evidence: ReadonlyMap<number, readonly number[]>;
  /** The wire clusters it is answerable for: a lacking one is a cut, any other is not in its version. */
  readonly scope: ReadonlySet<number>;
}

/** The versions of one story, when it has more than one. */
export interface StoryVersions {
  readonly versions: readonly WireVersion[];
  /** Wire clusters every version has. */
  readonly core: ReadonlySet<number>;
  readonly ofDocument: ReadonlyMap<Doc, DocumentVersion>;
}

/** Fewest passages of its own a version needs. */
const MIN_OWN = 3;

interface Carried {
  readonly doc: Doc;
  /** Wire clusters in the order the document first carries them. */
  readonly order: readonly number[];
  readonly set: ReadonlySet<number>;
}

/** The wire clusters a document carries, in its order, and its wire share of body characters. */
function carriedBy(d: Doc, input: VersionInput): { carried: Carried; share: number } {
  const base = input.passageIndex.get(d)!;
  const order: number[] = [];
  const set = new Set<number>();
  let body = 0;
  let wire = 0;
  for (const p of d.passages) {
    const ks = input.wireOf[base + p.index]!;
    body += p.end - p.start;
    if (ks.length > 0) wire += p.end - p.start;
    for (const k of ks)
      if (!set.has(k)) {
        set.add(k);
        order.push(k);
      }
  }
  return { carried: { doc: d, order, set }, share: body === 0 ? 0 : wire / body };
}

/** Clusters of `a` that `b` lacks. */
function without(a: ReadonlySet<number>, b: ReadonlySet<number>): number[] {
  return [...a].filter((k) => !b.has(k));
}

/** A block of its own: two of the clusters are neighbours in the document's order. */
function hasBlock(own: readonly number[], order: readonly number[]): boolean {
  const mine = new Set(own);
  for (let i = 1; i < order.length; i++) if (mine.has(order[i - 1]!) && mine.has(order[i]!)) return true;
  return false;
}

/**
 * Whether two sets of wire passages are two versions rather than one version cut two ways: the
 * same lede, a shared core, and on each side a block of at least {@link MIN_OWN} passages of
 * its own (two of them neighbours in that side's order).
 */
function twoVersions(x: Carried, y: Carried, input: VersionInput): boolean {
  const ownX = without(x.set, y.set);
  const ownY = without(y.set, x.set);
  const shared = x.set.size - ownX.length;
  if (shared < MIN_OWN) return false;
  if (!y.set.has(x.order[0]!) || !x.set.has(y.order[0]!)) return false;
  const block = (own: readonly number[], c: Carried, least: number): boolean => own.length >= least && hasBlock(own, c.order);
  if (block(ownX, x, MIN_OWN) && block(ownY, y, MIN_OWN)) return true;
  // A write-through may drop one paragraph of two sentences while it adds several: a block of two
  // on one side is enough when the two also give different figures in a passage both carry (a
  // toll the agency updated), which one version cut two ways does not.
  return (
    Math.max(ownX.length, ownY.length) >= MIN_OWN &&
    block(ownX, x, 2) &&
    block(ownY, y, 2) &&
    input.figuresDiffer?.(x.doc, y.doc) === true
  );
}

/**
 * Which of the versions a document's passages place it in: the one version it is consistent
 * with (it carries nothing the version lacks) that has the most of its passages only some
 * versions have; `mixed` when no version has all it carries; `null` when nothing tells.
 */
function follows(
  carried: Carried,
  versions: ReadonlyArray<{ clusters: ReadonlySet<number> }>,
): { version: number | 'mixed' | null; evidence: Map<number, number[]>; consistent: number[] } {
  const inAll = (k: number): boolean => versions.every((v) => v.clusters.has(k));
  const inSome = (k: number): boolean => versions.some((v) => v.clusters.has(k));
  const evidence = new Map<number, number[]>();
  const consistent: number[] = [];
  versions.forEach((v, i) => {
    const own = carried.order.filter((k) => v.clusters.has(k) && !inAll(k));
    if (own.length > 0) evidence.set(i, own);
    if (carried.order.every((k) => v.clusters.has(k) || !inSome(k))) consistent.push(i);
  });
  if (consistent.length === 0) return { version: 'mixed', evidence, consistent };
  const best = Math.max(...consistent.map((i) => evidence.get(i)?.length ?? 0));
  const top = consistent.filter((i) => (evidence.get(i)?.length ?? 0) === best);
  return { version: best > 0 && top.length === 1 ? top[0]! : null, evidence, consistent };
}

/**
 * Reconstructs a story's versions from the figures its copies give, else from its near-complete reprints.
 *
 * @param input - The story's documents, passages and wire membership.
 * @returns The versions and each document's, or `null` when the story has one version.
 */
export function findVersions(input: VersionInput): StoryVersions | null {
  const all = input.docs.map((d) => carriedBy(d, input));
  const carried = all.map((x) => x.carried);
  // Copies that give a sentence's figures in groups are the takes' copies: the strongest evidence,
  // read first; a story whose figures do not tell is read from its near-complete reprints.
  const fromFigures = byFigureGroups(carried, input);
  if (fromFigures !== null) return fromFigures;
  const anchors = all
    .filter((x) => x.share >= input.reprintShare && x.carried.order.length >= 2 * MIN_OWN)
    .map((x) => x.carried)
    .sort((a, b) => b.set.size - a.set.size || a.doc.index - b.doc.index);

  // Leaders: the fullest reprint, and every reprint that is another version of each leader so far.
  const leaders: Carried[] = [];
  for (const a of anchors) if (leaders.every((l) => twoVersions(a, l, input))) leaders.push(a);
  if (leaders.length < 2) return null;
  // Every reprint is read into the version whose passages of its own it carries (clearly more
  // of one version's than of any other's), and a version is what its reprints carry together:
  // passages one reprint cut, another of the same version kept. Repeated until it settles.
  // Two versions that another reprint mixes were one version cut two ways, and become one.
  let groups: Carried[][] = leaders.map((l) => [l]);
  let sets: Set<number>[] = [];
  let members: Carried[][] = [];
  let undecided: Carried[] = [];
  const ownOf = (all: readonly Set<number>[]): Set<number>[] => all.map((set, i) => new Set([...set].filter((k) => all.every((other, j) => j === i || !other.has(k)))));
  for (;;) {
    sets = groups.map((g) => new Set(g.flatMap((a) => [...a.set])));
    for (let round = 0; round < 8; round++) {
      const own = ownOf(sets);
      const next: Carried[][] = groups.map((g) => [...g]);
      undecided = [];
      for (const a of anchors) {
        if (groups.some((g) => g.includes(a))) continue;
        const counts = own.map((o) => a.order.filter((k) => o.has(k)).length);
        const ranked = counts.map((n, i) => ({ n, i })).sort((x, y) => y.n - x.n || x.i - y.i);
        const [first, second] = [ranked[0]!, ranked[1]!];
        if (first.n > 0 && first.n >= 2 * second.n && first.n > second.n) next[first.i]!.push(a);
        else undecided.push(a);
      }
      const nextSets = next.map((m) => new Set(m.flatMap((a) => [...a.set])));
      const settled = nextSets.every((set, i) => set.size === sets[i]!.size && [...set].every((k) => sets[i]!.has(k)));
      sets = nextSets;
      members = next;
      if (settled) break;
    }
    // Versions i and j are one when a reprint of neither carries passages of i that j lacks and
    // passages of j that i lacks: one take has no passage of the other's own block.
    let pair: [number, number] | null = null;
    // Any other document that carries two of each block (a fuller copy of the wire) says the same.
    const carriesBoth = (a: Carried, i: number, j: number, least: number): boolean =>
      a.order.filter((k) => sets[i]!.has(k) && !sets[j]!.has(k)).length >= least && a.order.filter((k) => sets[j]!.has(k) && !sets[i]!.has(k)).length >= least;
    const others = carried.filter((c) => !anchors.includes(c));
    // A copy that carries more of the wire than every reprint the two are read from: they are its cuts.
    const fuller = (c: Carried, i: number, j: number): boolean => [...members[i]!, ...members[j]!].every((m) => c.set.size > m.set.size);
    // Unless it is a take between the two (a middle take keeps some of the first's passages and
    // some of the second's): a copy whose figures differ from copies of each of them.
    const differs = (c: Carried, i: number): boolean => members[i]!.some((m) => input.figuresDiffer?.(c.doc, m.doc) === true);
    // So is a copy that carries only passages of a third take whose copies' figures differ from
    // both of theirs: it is that take's copy, not a mix of these two.
    const groupsDiffer = (k: number, i: number): boolean => members[k]!.some((m) => differs(m, i));
    const between = (c: Carried, i: number, j: number): boolean =>
      (differs(c, i) && differs(c, j)) ||
      sets.some((set, k) => k !== i && k !== j && groupsDiffer(k, i) && groupsDiffer(k, j) && [...c.set].every((x) => set.has(x)));
    for (let i = 0; i < sets.length && pair === null; i++)
      for (let j = i + 1; j < sets.length && pair === null; j++)
        if (
          anchors.some((a) => !members[i]!.includes(a) && !members[j]!.includes(a) && carriesBoth(a, i, j, 1) && !between(a, i, j)) ||
          others.some((c) => (carriesBoth(c, i, j, 2) || (carriesBoth(c, i, j, 1) && fuller(c, i, j))) && !between(c, i, j))
        )
          pair = [i, j];
    if (pair === null) break;
    const [i, j] = pair;
    groups = groups.filter((_, k) => k !== j).map((g, k) => (k === i ? [...g, ...groups[j]!] : g));
    if (groups.length < 2) return null;
  }
  // Together, the versions must still differ as versions do.
  const wireOrder = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++)
      if (!twoVersions({ doc: members[i]![0]!.doc, order: wireOrder(sets[i]!), set: sets[i]! }, { doc: members[j]![0]!.doc, order: wireOrder(sets[j]!), set: sets[j]! }, input)) return null;
  let versions = sets.map((clusters, i) => ({ anchors: members[i]!, clusters }));
  // Versions in order of publication when every reprint has a time, else of their first reprint.
  const firstTime = (v: { anchors: Carried[] }): string | undefined =>
    v.anchors.every((a) => a.doc.article.publishedAt !== undefined) ? v.anchors.map((a) => a.doc.article.publishedAt!).sort()[0] : undefined;
  const timed = versions.every((v) => firstTime(v) !== undefined);
  const firstIndex = (v: { anchors: Carried[] }): number => Math.min(...v.anchors.map((a) => a.doc.index));
  versions = versions.sort((a, b) => (timed && firstTime(a) !== firstTime(b) ? (firstTime(a)! < firstTime(b)! ? -1 : 1) : 0) || firstIndex(a) - firstIndex(b));

  return place(
    carried,
    versions.map((v) => ({ anchors: v.anchors.map((a) => a.doc), clusters: v.clusters })),
    input,
  );
}

/**
 * Places every document in the versions: its version (its own, for a version's anchor), the
 * evidence, and the passages it answers for.
 */
function place(all: readonly Carried[], versions: readonly WireVersion[], input: VersionInput): StoryVersions {
  const core = new Set([...versions[0]!.clusters].filter((k) => versions.every((v) => v.clusters.has(k))));
  const inSome = new Set(versions.flatMap((v) => [...v.clusters]));
  const anchorOf = new Map<Doc, number>();
  versions.forEach((v, i) => v.anchors.forEach((a) => anchorOf.set(a, i)));
  const placed = all.map((carried) => {
    const found = follows(carried, versions);
    const anchored = anchorOf.get(carried.doc);
    const version = anchored ?? (found.version === null ? byFigures(carried.doc, found.consistent, versions, input) : found.version);
    return { carried, found, version };
  });
  // Wire passages no reprint carries: a copy that follows one version and carries one places it
  // in that version (its reprints cut it), and only outlets on those versions answer for it; one
  // that no such copy carries belongs to no known version, and every outlet answers for it.
  const unplaced = [...new Set(input.wireOf.flat())].filter((k) => !inSome.has(k));
  const placedIn = new Map<number, Set<number>>();
  for (const { carried, version } of placed)
    if (typeof version === 'number')
      for (const k of carried.order) {
        if (inSome.has(k)) continue;
        let set = placedIn.get(k);
        if (set === undefined) placedIn.set(k, (set = new Set()));
        set.add(version);
      }
  const ofDocument = new Map<Doc, DocumentVersion>();
  for (const { carried, found, version } of placed) {
    let scope: number[];
    // The versions it could follow: a mixed copy answers for each it carries passages of, an
    // undecided one only for what every version it could follow has.
    let answersFor: (vs: ReadonlySet<number>) => boolean;
    if (typeof version === 'number') {
      scope = [...versions[version]!.clusters];
      answersFor = (vs) => vs.has(version);
    } else if (version === 'mixed') {
      scope = [...found.evidence.keys()].flatMap((i) => [...versions[i]!.clusters]);
      answersFor = (vs) => [...found.evidence.keys()].some((i) => vs.has(i));
    } else {
      scope = [...versions[found.consistent[0]!]!.clusters].filter((k) => found.consistent.every((i) => versions[i]!.clusters.has(k)));
      answersFor = (vs) => found.consistent.every((i) => vs.has(i));
    }
    const extra = unplaced.filter((k) => {
      const vs = placedIn.get(k);
      return vs === undefined || answersFor(vs);
    });
    ofDocument.set(carried.doc, { version, evidence: found.evidence, scope: new Set([...scope, ...extra]) });
  }
  return { versions, core, ofDocument };
}

/**
 * Versions from the figures: the copies grouped by the figures they give in one
 * passage (each take's toll), a version being what its copies carry together; kept only when the
 * groups then differ as versions do.
 */
function byFigureGroups(all: readonly Carried[], input: VersionInput): StoryVersions | null {
  const carriedOf = new Map(all.map((c) => [c.doc, c]));
  let groups = input.figureGroups?.() ?? null;
  // A take whose toll one copy alone kept unchanged: that copy must also carry a block of
  // passages no copy of the other groups has (an outlet that changed a figure has none).
  const found = input.figureGroups?.(1) ?? null;
  if (found !== null) {
    const others = (g: readonly Doc[]): Set<number> => new Set(found.filter((h) => h !== g).flatMap((h) => h.flatMap((d) => [...carriedOf.get(d)!.set])));
    const backed = (g: readonly Doc[]): boolean => {
      const c = carriedOf.get(g[0]!)!;
      const own = without(c.set, others(g));
      return own.length >= MIN_OWN && hasBlock(own, c.order);
    };
    // A copy alone with its figure and no such block changed it on its own: it is no group.
    const kept = found.filter((g) => g.length > 1 || backed(g));
    if (kept.length >= 2 && kept.length > (groups?.length ?? 0)) groups = kept;
  }
  if (groups === null || groups.length < 2) return null;
  const sets = groups.map((g) => new Set(g.flatMap((d) => [...carriedOf.get(d)!.set])));
  // The figures are the evidence; the groups need only a core in common (the same story told
  // twice), not blocks of their own: a take's copies may all have cut what it alone had.
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) if ([...sets[i]!].filter((k) => sets[j]!.has(k)).length < MIN_OWN) return null;
  return place(
    all,
    groups.map((g, i) => ({ anchors: g, clusters: sets[i]! })),
    input,
  );
}

/**
 * Of the versions a document's passages cannot tell apart, the one whose figures it gives (a
 * toll as that take had it): the one version whose copies it never differs from in figures while
 * it differs from a copy of each other one; `null` when that does not tell either.
 */
function byFigures(doc: Doc, candidates: readonly number[], versions: readonly WireVersion[], input: VersionInput): number | null {
  const differ = input.figuresDiffer;
  if (differ === undefined || candidates.length < 2) return null;
  const agrees = candidates.filter((i) => versions[i]!.anchors.every((a) => !differ(doc, a)) && candidates.every((j) => j === i || versions[j]!.anchors.some((a) => differ(doc, a))));
  return agrees.length === 1 ? agrees[0]! : null;
}

/**
 * The versions of a story measured against several references (the agency's takes): each
 * reference is a version, and references that carry the same passages are one.
 *
 * @param references - The reference documents, in the order named.
 * @param input - The story's documents, passages and wire membership.
 * @returns The versions and each document's, or `null` when the takes carry the same passages.
 */
export function referenceVersions(references: readonly Doc[], input: VersionInput): StoryVersions | null {
  const all = input.docs.map((d) => carriedBy(d, input).carried);
  const versions: Array<{ anchors: Doc[]; clusters: ReadonlySet<number> }> = [];
  for (const r of references) {
    const set = all.find((c) => c.doc === r)!.set;
    const same = versions.find((v) => v.clusters.size === set.size && [...set].every((k) => v.clusters.has(k)));
    if (same !== undefined) same.anchors.push(r);
    else versions.push({ anchors: [r], clusters: set });
  }
  return versions.length < 2 ? null : place(all, versions, input);
}
