import { mulberry32 } from '@visor/core';

/**
 * A seeded generator of uniform numbers in [0, 1) (core's mulberry32, seeded by `seed` and an FNV-1a hash of
 * `name`): the same seed and name give the same draws on every machine.
 */
export function seededUniform(seed: number, name: string): () => number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(h);
}
