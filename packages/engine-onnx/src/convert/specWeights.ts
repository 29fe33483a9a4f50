import { didYouMean } from '@visor/core';
import type { OnnxModelSpec } from '../OnnxModelSpec.js';
import type { GraphEmitter } from './GraphEmitter.js';
import { modelError } from '../modelError.js';
import { transposeData } from './transposeData.js';

/**
 * `OnnxModelSpec.weights`: a layer's weights in Keras order and orientation, read back from the
 * initializers (or the folded values) the layer kept; fresh arrays on every call. Layers without
 * weights give []; an unknown name is a VisorError with the closest layer name.
 */
export function specWeights(e: GraphEmitter, layerNames: Set<string>, file: string): OnnxModelSpec['weights'] {
  return (layerName) => {
    if (!layerNames.has(layerName)) {
      const near = didYouMean(layerName, [...layerNames]);
      throw modelError(file, `no layer named "${layerName}"${near ? `; did you mean "${near}"?` : ''}`);
    }
    return (e.kept.get(layerName) ?? []).map((w) => {
      const data = typeof w.init === 'string' ? (e.b.initializer(w.init)?.data as Float32Array) : w.init;
      // transposeData checks that perm permutes the axes of onnxShape.
      return { data: transposeData(data, w.onnxShape, w.perm), shape: w.perm.map((p) => w.onnxShape[p]!) };
    });
  };
}
