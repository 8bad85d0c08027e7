/** A seeded pseudo-random generator for drawing permutation parameters. */

/**
 * A seeded SplitMix32 generator (a 32-bit cousin of Steele et al., 2014): deterministic across
 * processes and engines, used to draw MinHash permutation parameters.
 */
export function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
