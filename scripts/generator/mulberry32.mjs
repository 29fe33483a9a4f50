/**
 * mulberry32: a tiny, fast, seedable 32-bit PRNG (public domain, Tommy Ettinger).
 * Same seed → same sequence on every platform, which is what makes the demo data reproducible.
 *
 * @param {number} seed any integer (taken modulo 2^32)
 * @returns {() => number} a function returning floats uniformly in [0, 1)
 */
export function mulberry32(seed) {
  if (!Number.isFinite(seed)) {
    throw new Error(`mulberry32: seed must be a finite integer, got ${String(seed)}`);
  }
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
