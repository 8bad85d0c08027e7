/**
 * Clusters against a named reference (the wire copy): each reference passage is a wire cluster
 * and its own canonical text; the passages of other articles linked to it are its members.
 */

import type { Passage } from '../document/passage.js';
import { clusterLinkedPassages, type RawCluster } from './clusters.js';
import type { PassageLink } from './links.js';

/**
 * Builds the clusters of a story measured against a reference document.
 *
 * @param passages - The story's passages.
 * @param links - Their verified links.
 * @param referenceIndex - Input index of the reference document.
 * @returns The reference clusters, then clusters of passages several outlets share without it.
 */
export function referenceClusters(passages: readonly Passage[], links: readonly PassageLink[], referenceIndex: number): RawCluster[] {
  const refMembers = new Map<number, number[]>();
  passages.forEach((p, g) => {
    if (p.doc === referenceIndex) refMembers.set(g, [g]);
  });
  const taken = new Set<number>(refMembers.keys());
  for (const l of links) {
    const [r, o] = passages[l.a]!.doc === referenceIndex ? [l.a, l.b] : [l.b, l.a];
    if (passages[r]!.doc !== referenceIndex || passages[o]!.doc === referenceIndex) continue;
    refMembers.get(r)!.push(o);
    taken.add(o);
  }
  const out: RawCluster[] = [...refMembers].map(([canonical, members]) => ({ canonical, members: members.sort((a, b) => a - b) }));
  // Passages the reference lacks but several outlets share: non-wire clusters.
  const rest = links.filter((l) => !taken.has(l.a) && !taken.has(l.b));
  out.push(...clusterLinkedPassages(passages, rest));
  return out;
}
