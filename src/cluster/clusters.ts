/**
 * Passage clusters: groups of passages, across outlets, that derive from one wire sentence.
 *
 * No runaway clusters: a cluster grows only around its centre, never along chains of links,
 * and after the canonical member is chosen every other member is checked against it again.
 * A passage that merges two wire sentences (it links to two passages of one other document
 * that do not link to each other) is never a centre; it joins every cluster whose centre it
 * links to, which is how many-to-many alignment (merges, kept clauses) is represented.
 */

import type { PassageLink } from './links.js';
import type { Passage } from '../document/passage.js';

/** A cluster of passages (indices into the story's passage list). */
export interface RawCluster {
  /** Member passage indices, ascending. */
  readonly members: readonly number[];
  /** The canonical member: the one closest to all others. */
  readonly canonical: number;
}

/**
 * Clusters linked passages.
 *
 * @param passages - The story's passages.
 * @param links - Verified links (from `linkPassages`).
 * @returns Clusters of two or more passages; every member is linked to the canonical one.
 */
export function clusterLinkedPassages(passages: readonly Passage[], links: readonly PassageLink[]): RawCluster[] {
  const n = passages.length;
  const adj: Map<number, PassageLink>[] = Array.from({ length: n }, () => new Map());
  for (const l of links) {
    adj[l.a]!.set(l.b, l);
    adj[l.b]!.set(l.a, l);
  }
  const linked = (x: number, y: number): boolean => adj[x]!.has(y);

  // Compound passages: two neighbours in one other document that are not linked together.
  const compound = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const byDoc = new Map<number, number[]>();
    for (const j of adj[i]!.keys()) {
      const d = passages[j]!.doc;
      if (d === passages[i]!.doc) continue;
      const list = byDoc.get(d) ?? [];
      list.push(j);
      byDoc.set(d, list);
    }
    for (const list of byDoc.values()) {
      for (let x = 0; x < list.length && !compound[i]; x++)
        for (let y = x + 1; y < list.length; y++)
          if (!linked(list[x]!, list[y]!)) {
            compound[i] = true;
            break;
          }
    }
  }

  const docsLinked = (i: number): number => new Set([...adj[i]!.keys()].map((j) => passages[j]!.doc).filter((d) => d !== passages[i]!.doc)).size;
  const weight = (i: number): number => {
    let s = 0;
    for (const l of adj[i]!.values()) s += l.score;
    return s;
  };
  const order = [...Array(n).keys()]
    .filter((i) => adj[i]!.size > 0)
    .map((i) => ({ i, docs: docsLinked(i), w: weight(i) }))
    .sort((x, y) => y.docs - x.docs || y.w - x.w || x.i - y.i);

  const assigned = new Array<boolean>(n).fill(false);
  const inCluster = new Array<boolean>(n).fill(false);
  const clusters: RawCluster[] = [];
  const grow = (centre: number, allowCompoundCentre: boolean): void => {
    if (assigned[centre] || inCluster[centre] || (compound[centre] && !allowCompoundCentre)) return;
    // Second round (compound centres): only passages no cluster holds yet may join.
    const free = (j: number): boolean => (allowCompoundCentre ? !assigned[j] && !inCluster[j] : !assigned[j] || compound[j] === true);
    let members = [centre, ...[...adj[centre]!.keys()].filter(free)];
    if (members.length < 2) return;
    // The canonical text is a whole wire sentence, so merged passages are not candidates
    // (unless the cluster has nothing else).
    const candidates = members.filter((m) => !compound[m]);
    const pool = candidates.length > 0 ? candidates : members;
    let canonical = pool[0]!;
    let best = -1;
    for (const m of pool) {
      // Closest to the other outlets: each other document counts once (its best member), and
      // the passage's own document not at all, so an outlet that repeats itself gets no vote.
      const perDoc = new Map<number, number>();
      for (const o of members) {
        const d = passages[o]!.doc;
        if (o === m || d === passages[m]!.doc) continue;
        perDoc.set(d, Math.max(perDoc.get(d) ?? 0, adj[m]!.get(o)?.score ?? 0));
      }
      let s = 0;
      for (const v of perDoc.values()) s += v;
      if (s > best + 1e-9) {
        best = s;
        canonical = m;
      }
    }
    // Verify every member against the canonical member itself.
    members = members.filter((m) => m === canonical || linked(m, canonical));
    if (members.length < 2) return;
    for (const m of members) {
      inCluster[m] = true;
      if (!compound[m]) assigned[m] = true;
    }
    assigned[centre] = true;
    clusters.push({ members: members.sort((x, y) => x - y), canonical });
  };
  for (const { i } of order) grow(i, false);
  for (const { i } of order) grow(i, true);
  return clusters;
}
