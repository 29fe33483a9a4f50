import type { LayerInfo } from '@visor/core';

/**
 * True for a layer with a 4-D output [N, h, w, C] (channels-last on every engine) that is not the model's
 * input, nor a nested model's own node (its output is its last inner layer's, which is the one named).
 */
export function isFeatureMap(layer: LayerInfo): boolean {
  return layer.outputShape.length === 4 && layer.kind !== 'input' && layer.kind !== 'model';
}

/**
 * True for a feature map with more than one cell (h·w > 1, or a size only known at run time): a map
 * something can be localised on. A pooled [N, 1, 1, C] output (ONNX GlobalAveragePool, an
 * AveragePooling2D over the whole map, a ReduceMean with keepdims) is a feature map but not spatial.
 */
export function isSpatialMap(layer: LayerInfo): boolean {
  if (!isFeatureMap(layer)) return false;
  const [, h, w] = layer.outputShape;
  return h === null || w === null || h! * w! > 1;
}
