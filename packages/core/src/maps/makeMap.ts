import type { ExplanationMap } from '../contracts/ExplanationMap.js';
import { valueRange } from '../methods/valueRange.js';

/** Builds an ExplanationMap from values, computing its range (NaN-free input expected). */
export function makeMap(data: Float32Array, shape: number[], meaning: string, signed = false): ExplanationMap {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new Error(`makeMap: shape [${shape.join(', ')}] holds ${size} values but data has ${data.length}`);
  }
  const { min, max } = data.length === 0 ? { min: 0, max: 0 } : valueRange(data);
  return { data, shape: [...shape], range: [min, max], signed, meaning };
}
