import { rescaleUnit } from '@visor/core';
import type { NormalizeMode } from './camOptions.js';

/**
 * A copy of `data` scaled for display. `minmax`: (v − min) / (max − min), so the minimum becomes 0
 * and the maximum 1 (a constant map becomes all 0). `none`: the values unchanged.
 */
export function normalizeMap(data: Float32Array, mode: NormalizeMode): Float32Array {
  return mode === 'none' ? Float32Array.from(data) : Float32Array.from(rescaleUnit(data));
}
