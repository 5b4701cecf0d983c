// One seeded pseudo-random source (mulberry32) for everything that must replay the same way from a
// seed: the demo campaign, the benchmark's synthetic campaign and the tests' seeded database.

/** A generator of uniform numbers in [0, 1): tiny, fast, and the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
