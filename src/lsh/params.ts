/**
 * Banding parameters for MinHash LSH (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets,
 * ch. 3.4): with b bands of r rows, two sets of Jaccard s become candidates with probability
 * 1 − (1 − s^r)^b. As datasketch does, (b, r) minimise the weighted false-positive area below
 * the threshold plus the weighted false-negative area above it, over all b·r ≤ numPerm.
 */

/** Probability that two sets of Jaccard similarity `s` share at least one band. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

function integrate(f: (x: number) => number, a: number, b: number): number {
  const steps = 200;
  const h = (b - a) / steps;
  let sum = 0.5 * (f(a) + f(b));
  for (let i = 1; i < steps; i++) sum += f(a + i * h);
  return sum * h;
}

/**
 * Finds the (bands, rows) that minimise weighted false-positive and false-negative probability.
 *
 * @param threshold - Target Jaccard threshold in (0, 1).
 * @param numPerm - Signature length.
 * @param weights - `[falsePositiveWeight, falseNegativeWeight]`, summing to 1.
 * @returns The chosen `bands` and `rows`.
 */
export function optimalBands(
  threshold: number,
  numPerm: number,
  weights: readonly [number, number] = [0.5, 0.5],
): { bands: number; rows: number } {
  // The search integrates every (b, r) pair: ~10^4 integrals. Settings repeat, so remember them.
  const key = `${threshold}:${numPerm}:${weights[0]}:${weights[1]}`;
  const known = memo.get(key);
  if (known !== undefined) return { ...known };
  const found = search(threshold, numPerm, weights);
  memo.set(key, found);
  return { ...found };
}

const memo = new Map<string, { bands: number; rows: number }>();

function search(threshold: number, numPerm: number, weights: readonly [number, number]): { bands: number; rows: number } {
  let best = { bands: 1, rows: numPerm };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const fp = integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
      const error = weights[0] * fp + weights[1] * fn;
      if (error < bestError - 1e-12) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}
