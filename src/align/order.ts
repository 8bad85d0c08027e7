/** Orders: the consensus order of wire passages across outlets, and what keeps an outlet's order. */

import type { RawCluster } from '../cluster/clusters.js';
import type { Passage } from '../document/passage.js';

/**
 * Consensus order of wire clusters across outlets, by merging sequences: the outlet carrying the
 * most wire clusters is the spine (a near-complete reprint keeps the wire's order best); every
 * other outlet's clusters are inserted after the nearest cluster that precedes them in that
 * outlet. An outlet's order is never contradicted for clusters only it carries, so "moved"
 * marks only real disagreements. Non-wire clusters follow in order of their first passage.
 *
 * @param raw - The story's clusters.
 * @param wire - Whether each is wire copy.
 * @param passages - The story's passages.
 * @returns Cluster indices in order.
 */
export function consensusOrder(raw: readonly RawCluster[], wire: readonly boolean[], passages: readonly Passage[]): number[] {
  const sequences = new Map<number, Array<{ k: number; at: number }>>();
  raw.forEach((c, k) => {
    if (!wire[k]) return;
    const firstIn = new Map<number, number>();
    for (const m of c.members) {
      const p = passages[m]!;
      firstIn.set(p.doc, Math.min(firstIn.get(p.doc) ?? Infinity, p.index));
    }
    for (const [d, at] of firstIn) {
      const list = sequences.get(d) ?? [];
      list.push({ k, at });
      sequences.set(d, list);
    }
  });
  // Outlets carrying each cluster, counted once per cluster (the sorts below ask often).
  const outlets = new Map<number, number>();
  const shared = (k: number): number => {
    let n = outlets.get(k);
    if (n === undefined) outlets.set(k, (n = new Set(raw[k]!.members.map((m) => passages[m]!.doc)).size));
    return n;
  };
  const docs = [...sequences.entries()]
    .map(([d, list]) => ({
      d,
      list: list.sort((x, y) => x.at - y.at || shared(y.k) - shared(x.k) || raw[x.k]!.canonical - raw[y.k]!.canonical).map((e) => e.k),
    }))
    .sort((x, y) => y.list.length - x.list.length || x.d - y.d);
  const order: number[] = [];
  const placed = new Set<number>();
  for (const { list } of docs) {
    let cursor = order.length;
    const firstPlaced = list.find((k) => placed.has(k));
    if (firstPlaced !== undefined) cursor = order.indexOf(firstPlaced);
    for (const k of list) {
      if (placed.has(k)) {
        cursor = order.indexOf(k) + 1;
        continue;
      }
      order.splice(cursor, 0, k);
      placed.add(k);
      cursor++;
    }
  }
  const rest = raw.map((_, k) => k).filter((k) => !wire[k]);
  rest.sort((x, y) => raw[x]!.members[0]! - raw[y]!.members[0]!);
  return [...order, ...rest];
}

/**
 * Longest increasing subsequence (indices into `seq`), ties resolved towards the earliest: the
 * passages an outlet kept in the wire's order; the others are "moved".
 *
 * @param seq - Wire positions in the outlet's order.
 * @returns Indices into `seq` that stay in order.
 */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}
