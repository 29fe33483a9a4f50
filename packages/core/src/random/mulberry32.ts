/**
 * mulberry32 (Tommy Ettinger, public domain): a seeded generator of uniform numbers in [0, 1), the same sequence
 * on every engine and platform (the seed is taken modulo 2^32). Not cryptographic; for reproducible test
 * batches, SmoothGrad's noise and re-drawn weights.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
