import type { Explanation } from '../contracts/Explanation.js';
import type { ExplanationMap } from '../contracts/ExplanationMap.js';

/**
 * The ArrayBuffers of every map of these explanations, for `postMessage`'s transfer list. A map
 * whose data is only a view on a larger (or shared, or wasm-owned) buffer is first given its own
 * copy, so transferring never detaches memory something else still uses. Mutates the maps' `data`.
 */
export function transferablesOf(explanations: Explanation[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const own = (map: ExplanationMap | undefined) => {
    if (!map || !(map.data instanceof Float32Array)) return;
    const { buffer, byteOffset, byteLength } = map.data;
    if (!(buffer instanceof ArrayBuffer) || byteOffset !== 0 || byteLength !== buffer.byteLength || buffers.has(buffer)) {
      map.data = map.data.slice();
    }
    buffers.add(map.data.buffer as ArrayBuffer);
  };
  for (const e of explanations) {
    own(e.raw);
    own(e.heatmap);
    for (const map of Object.values(e.extras ?? {})) own(map);
  }
  return [...buffers];
}
