import type { LayerInfo } from '@visor/core';

/** True for a layer with a 4-D output [N, h, w, C] that is not the model's input (InputLayer / Placeholder). */
export function isFeatureMap(layer: LayerInfo): boolean {
  return layer.outputShape.length === 4 && layer.className !== 'InputLayer' && layer.className !== 'Placeholder';
}
