/**
 * Clusters against named references (the wire copy, or the agency's takes of a story): each
 * reference passage is a wire cluster and its own canonical text; the passages of other articles
 * linked to it are its members. With several references, a passage two takes share is one
 * cluster, its canonical text the earliest-named take's.
 */

import type { Passage } from '../document/passage.js';
import { clusterLinkedPassages, type RawCluster } from './clusters.js';
import type { PassageLink } from './links.js';

/**
 * Builds the clusters of a story measured against its references.
 *
 * @param passages - The story's passages.
 * @param links - Their verified links.
 * @param references - Input indices of the reference documents, in the order named.
 * @returns The reference clusters, then clusters of passages several outlets share without them.
 */
export function referenceClusters(passages: readonly Passage[], links: readonly PassageLink[], references: readonly number[]): RawCluster[] {
  const rank = new Map(references.map((d, i) => [d, i]));
  const isRef = (g: number): boolean => rank.has(passages[g]!.doc);
  // Reference passages the takes share are one passage: union-find over reference ↔ reference links.
  const parent = new Map<number, number>();
  passages.forEach((_, g) => {
    if (isRef(g)) parent.set(g, g);
  });
  const find = (g: number): number => {
    let r = g;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(g, r);
    return r;
  };
  // The earliest-named take's passage is the root, so it is the canonical text.
  const before = (a: number, b: number): boolean => rank.get(passages[a]!.doc)! - rank.get(passages[b]!.doc)! < 0 || (passages[a]!.doc === passages[b]!.doc && a < b);
  for (const l of links) {
    if (!isRef(l.a) || !isRef(l.b) || passages[l.a]!.doc === passages[l.b]!.doc) continue;
    const [x, y] = [find(l.a), find(l.b)];
    if (x === y) continue;
    if (before(x, y)) parent.set(y, x);
    else parent.set(x, y);
  }
  const members = new Map<number, number[]>();
  for (const g of parent.keys()) {
    const r = find(g);
    members.set(r, [...(members.get(r) ?? []), g]);
  }
  const taken = new Set<number>(parent.keys());
  for (const l of links) {
    if (isRef(l.a) === isRef(l.b)) continue;
    const [r, o] = isRef(l.a) ? [l.a, l.b] : [l.b, l.a];
    const list = members.get(find(r))!;
    if (!list.includes(o)) list.push(o);
    taken.add(o);
  }
  const out: RawCluster[] = [...members]
    .sort((a, b) => a[0] - b[0])
    .map(([canonical, m]) => ({ canonical, members: m.sort((a, b) => a - b) }));
  // Passages the references lack but several outlets share: non-wire clusters.
  const rest = links.filter((l) => !taken.has(l.a) && !taken.has(l.b));
  out.push(...clusterLinkedPassages(passages, rest));
  return out;
}
