import type { NormalizeMode } from './camOptions.js';

/**
 * A copy of `data` scaled for display. `minmax`: (v − min) / (max − min), so the minimum becomes 0
 * and the maximum 1 (a constant map becomes all 0). `none`: the values unchanged.
 */
export function normalizeMap(data: Float32Array, mode: NormalizeMode): Float32Array {
  const out = Float32Array.from(data);
  if (mode === 'none') return out;
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  for (let i = 0; i < out.length; i++) out[i] = span > 0 ? (out[i]! - min) / span : 0;
  return out;
}
