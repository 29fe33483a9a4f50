import seedrandom from 'seedrandom';

/** A seeded source of random numbers: uniform in [0, 1) and standard normal. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

/**
 * Seeded random numbers (seedrandom's ARC4 generator keyed by `key`, so the same key gives the same
 * sequence on every platform); normal values by the Box–Muller transform.
 */
export function gaussianSource(key: string): RandomSource {
  const prng = seedrandom(key);
  let spare: number | null = null;
  return {
    uniform: () => prng(),
    normal: () => {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = prng();
      const v = prng();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}
