/**
 * Passage clusters: groups of passages, across outlets, that derive from one wire sentence.
 *
 * No runaway clusters: a cluster grows only around its centre, never along chains of links,
 * and after the canonical member is chosen every other member is checked against it again.
 * A passage that merges two wire sentences (it links to two passages of one other document
 * that do not link to each other) is never a centre; it joins every cluster whose centre it
 * links to, which is how many-to-many alignment (merges, kept clauses) is represented.
 */

import { indexInRow, type Links } from './links.js';
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
 * @param preferred - Passages of the agency's own copy: canonical when a cluster holds one.
 * @returns Clusters of two or more passages; every member is linked to the canonical one.
 */
export function clusterLinkedPassages(passages: readonly Passage[], links: Links, preferred: (i: number) => boolean = () => false): RawCluster[] {
  const n = passages.length;
  const { start, to, link } = adjacency(n, links);
  const score = links.score;
  /** Where y is among x's neighbours (they are ascending), or -1. */
  const at = (x: number, y: number): number => indexInRow(start, to, x, y);
  const linked = (x: number, y: number): boolean => at(x, y) >= 0;

  // Documents numbered from 0 in this story (`docOf`), each with a stamp (no set or map per
  // passage): the last passage or pass that saw it.
  const docIds = new Map<number, number>();
  const docOf = Int32Array.from(passages, (p) => {
    let d = docIds.get(p.doc);
    if (d === undefined) docIds.set(p.doc, (d = docIds.size));
    return d;
  });
  const stamp = new Int32Array(docIds.size).fill(-1);
  const twice = new Int32Array(docIds.size).fill(-1);

  // Compound passages: two neighbours in one other document that are not linked together.
  const compound = new Array<boolean>(n).fill(false);
  const seen = new Int32Array(docIds.size);
  const head = new Int32Array(docIds.size);
  const headOf = new Int32Array(docIds.size).fill(-1);
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, start[i + 1]! - start[i]!);
  const chain = new Int32Array(widest);
  for (let i = 0; i < n; i++) {
    // Only a passage with two neighbours in one other document can be one: count them per
    // document (`twice` stamps the passage that counts), then pair up only those documents'.
    const own = docOf[i]!;
    let repeats = false;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const d = docOf[to[k]!]!;
      if (d === own) continue;
      if (twice[d] !== i) {
        twice[d] = i;
        seen[d] = 1;
      } else if (++seen[d]! === 2) repeats = true;
    }
    if (!repeats) continue;
    // Each neighbour in a repeating document against the ones before it there (a chain of row
    // slots per document, headed by `head` while `headOf` stamps this passage).
    for (let k = start[i]!; k < start[i + 1]! && !compound[i]; k++) {
      const j = to[k]!;
      const d = docOf[j]!;
      if (d === own || seen[d]! < 2) continue;
      const slot = k - start[i]!;
      if (headOf[d] !== i) {
        headOf[d] = i;
        chain[slot] = -1;
      } else {
        chain[slot] = head[d]!;
        for (let e = head[d]!; e >= 0; e = chain[e]!)
          if (!linked(to[start[i]! + e]!, j)) {
            compound[i] = true;
            break;
          }
      }
      head[d] = slot;
    }
  }

  // Other documents a passage links to.
  const docsLinked = (i: number): number => {
    const own = docOf[i]!;
    let count = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const d = docOf[to[k]!]!;
      if (d === own || stamp[d] === i) continue;
      stamp[d] = i;
      count++;
    }
    return count;
  };
  const weight = (i: number): number => {
    let s = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) s += score[link[k]!]!;
    return s;
  };
  const neighbours = (i: number): number[] => Array.from(to.subarray(start[i]!, start[i + 1]!));
  const order = [...Array(n).keys()]
    .filter((i) => start[i + 1]! > start[i]!)
    .map((i) => ({ i, docs: docsLinked(i), w: weight(i) }))
    .sort((x, y) => y.docs - x.docs || y.w - x.w || x.i - y.i);

  const assigned = new Array<boolean>(n).fill(false);
  const inCluster = new Array<boolean>(n).fill(false);
  const clusters: RawCluster[] = [];
  // The canonical member's vote: each document's best score, by pass (stamps after n passes of docsLinked).
  const bestOf = new Float64Array(docIds.size);
  let pass = n;
  // A pool member's scores, spread over the passages (read once per member, not searched per
  // other member): rowScore[j] is its score with j while rowOf[j] is its pass.
  const rowScore = new Float64Array(n);
  const rowOf = new Int32Array(n).fill(-1);
  const grow = (centre: number, allowCompoundCentre: boolean): void => {
    if (assigned[centre] || inCluster[centre] || (compound[centre] && !allowCompoundCentre)) return;
    // Second round (compound centres): only passages no cluster holds yet may join.
    const free = (j: number): boolean => (allowCompoundCentre ? !assigned[j] && !inCluster[j] : !assigned[j] || compound[j] === true);
    let members = [centre, ...neighbours(centre).filter(free)];
    if (members.length < 2) return;
    // The canonical text is a whole wire sentence, so merged passages are not candidates
    // (unless the cluster has nothing else).
    const candidates = members.filter((m) => !compound[m]);
    const whole = candidates.length > 0 ? candidates : members;
    // The agency's own copy is the wire's text: its passage is canonical when the cluster holds one.
    const fromAgency = whole.filter(preferred);
    const pool = fromAgency.length > 0 ? fromAgency : whole;
    let canonical = pool[0]!;
    let best = -1;
    const docs = new Int32Array(members.length);
    for (const m of pool) {
      // Closest to the other outlets: each other document counts once (its best member), and
      // the passage's own document not at all, so an outlet that repeats itself gets no vote.
      // (Summed in the order the documents first appear among the members.)
      pass++;
      for (let k = start[m]!; k < start[m + 1]!; k++) {
        rowOf[to[k]!] = pass;
        rowScore[to[k]!] = score[link[k]!]!;
      }
      let count = 0;
      for (const o of members) {
        const d = docOf[o]!;
        if (o === m || d === docOf[m]) continue;
        const v = rowOf[o] === pass ? rowScore[o]! : 0;
        if (stamp[d] !== pass) {
          stamp[d] = pass;
          bestOf[d] = v;
          docs[count++] = d;
        } else if (v > bestOf[d]!) bestOf[d] = v;
      }
      let s = 0;
      for (let x = 0; x < count; x++) s += bestOf[docs[x]!]!;
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

/**
 * The links as compressed rows: passage i's neighbours are `to[start[i]..start[i + 1])`, ascending
 * (links come sorted by `a` then `b`, as `linkPassages` gives them), with the link each entry is
 * (its score is read there: four bytes an entry, not eight).
 * Two typed arrays instead of a map per passage: a story of a thousand copies of one wire
 * sentence has half a million links per sentence.
 */
function adjacency(n: number, links: Links): { start: Int32Array; to: Int32Array; link: Int32Array } {
  const { a, b } = links;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < links.length; k++) {
    if ((k > 0 && (a[k]! < a[k - 1]! || (a[k] === a[k - 1] && b[k]! <= b[k - 1]!))) || a[k]! >= b[k]!)
      throw new Error('internal: links must be distinct pairs a < b, sorted by a then b.');
    start[a[k]! + 1]!++;
    start[b[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, n);
  const to = new Int32Array(start[n]!);
  const link = new Int32Array(start[n]!);
  // In link order, each row fills ascending: first the neighbours before it (links (j, i), by j),
  // then those after it (links (i, k), by k).
  for (let k = 0; k < links.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    to[next[x]!] = y;
    link[next[x]!++] = k;
    to[next[y]!] = x;
    link[next[y]!++] = k;
  }
  return { start, to, link };
}
