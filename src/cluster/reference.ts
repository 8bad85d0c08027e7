/**
 * Clusters against named references (the wire copy, or the agency's takes of a story): each
 * reference passage is a wire cluster and its own canonical text; the passages of other articles
 * linked to it are its members. With several references, a passage two takes share is one
 * cluster, its canonical text the earliest-named take's.
 */

import type { Passage } from '../document/passage.js';
import { components } from '../lsh/sets.js';
import { clusterLinkedPassages, type RawCluster } from './clusters.js';
import { filterLinks, type Links } from './links.js';

/**
 * Builds the clusters of a story measured against its references.
 *
 * @param passages - The story's passages.
 * @param links - Their verified links.
 * @param references - Input indices of the reference documents, in the order named.
 * @returns The reference clusters, then clusters of passages several outlets share without them.
 */
export function referenceClusters(passages: readonly Passage[], links: Links, references: readonly number[]): RawCluster[] {
  const rank = new Map(references.map((d, i) => [d, i]));
  const isRef = (g: number): boolean => rank.has(passages[g]!.doc);
  // Reference passages the takes share are one passage: components of reference ↔ reference links.
  const sets = components(passages.length);
  for (let k = 0; k < links.length; k++) {
    const [a, b] = [links.a[k]!, links.b[k]!];
    if (isRef(a) && isRef(b) && passages[a]!.doc !== passages[b]!.doc) sets.union(a, b);
  }
  // Each one's canonical text is the earliest-named take's passage.
  const canonicalOf = new Map<number, number>();
  const members = new Map<number, number[]>();
  for (const group of sets.groups()) {
    if (!isRef(group[0]!)) continue;
    const canonical = group.reduce((x, g) => (rank.get(passages[g]!.doc)! < rank.get(passages[x]!.doc)! ? g : x));
    for (const g of group) canonicalOf.set(g, canonical);
    members.set(canonical, [...group]);
  }
  const taken = new Set<number>(canonicalOf.keys());
  for (let k = 0; k < links.length; k++) {
    const [a, b] = [links.a[k]!, links.b[k]!];
    if (isRef(a) === isRef(b)) continue;
    const [r, o] = isRef(a) ? [a, b] : [b, a];
    const list = members.get(canonicalOf.get(r)!)!;
    if (!list.includes(o)) list.push(o);
    taken.add(o);
  }
  const out: RawCluster[] = [...members]
    .sort((a, b) => a[0] - b[0])
    .map(([canonical, m]) => ({ canonical, members: m.sort((a, b) => a - b) }));
  // Passages the references lack but several outlets share: non-wire clusters.
  const rest = filterLinks(links, (a, b) => !taken.has(a) && !taken.has(b));
  out.push(...clusterLinkedPassages(passages, rest));
  return out;
}
