import type { ExplanationMap } from '@visor/core';

/** A 2-D map of values, row-major. */
export interface HeatGrid {
  data: Float32Array;
  width: number;
  height: number;
}

/** The map as a 2-D grid: accepts [H, W] and [H, W, 1]; anything else is an error naming `what`. */
export function heatGrid(map: ExplanationMap, what: string): HeatGrid {
  const s = map.shape;
  const ok = (s.length === 2 || (s.length === 3 && s[2] === 1)) && s[0]! > 0 && s[1]! > 0;
  if (!ok) throw new Error(`${what}: heatmap shape [${s.join(', ')}] is not 2-D; expected [H, W] or [H, W, 1]`);
  if (map.data.length !== s[0]! * s[1]!) {
    throw new Error(`${what}: heatmap shape [${s.join(', ')}] holds ${s[0]! * s[1]!} values but data has ${map.data.length}`);
  }
  return { data: map.data, height: s[0]!, width: s[1]! };
}
