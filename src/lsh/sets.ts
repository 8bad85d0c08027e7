/**
 * Exact set similarity on sorted, duplicate-free shingle sets (`toShingleSet`), used to verify
 * LSH candidates: LSH proposes, the exact measure decides.
 */

/** Size of the intersection of two sorted, duplicate-free arrays (a linear merge). */
export function intersectionSize(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Exact Jaccard similarity |A∩B| / |A∪B| of two sorted sets; 0 when both are empty.
 *
 * @param a - A sorted, duplicate-free set.
 * @param b - Another.
 * @returns A value in [0, 1].
 */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * Exact containment |A∩B| / |A| of `a` in `b`: how much of `a` is found in `b`. A short outlet
 * sentence fully inside a long wire sentence has containment 1 even though Jaccard is low.
 *
 * @param a - The set measured (its size is the denominator); 0 when empty.
 * @param b - The set it may be contained in.
 * @returns A value in [0, 1].
 */
export function containment(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a.length === 0 ? 0 : intersectionSize(a, b) / a.length;
}

/**
 * Union-find over the indices `0 … n - 1` (disjoint sets); `groups()` gives the components, each
 * ascending, in the order of their first index.
 *
 * @param n - How many indices.
 * @returns The sets, to join and read.
 */
export function components(n: number): { union(a: number, b: number): void; find(x: number): number; groups(): number[][] } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  return {
    find,
    union(a, b) {
      const x = find(a);
      const y = find(b);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    },
    groups() {
      const groups = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const r = find(i);
        const g = groups.get(r);
        if (g === undefined) groups.set(r, [i]);
        else g.push(i);
      }
      return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
    },
  };
}
