import { mulberry32 } from '@visor/core';

/**
 * `count` standard-normal values from `seed`, the same on every engine and platform: core's mulberry32
 * uniform stream turned into normals by the Box–Muller transform (two normals per pair of uniforms).
 * Not cryptographic; enough for SmoothGrad's noise.
 */
export function gaussianNoise(count: number, seed: number): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u ∈ (0, 1]: no log(0)
    const theta = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
