import { convGapGraphModelJson } from '../testing/convGapGraphModelJson.js';

/**
 * A hand-written TF.js graph-model (`model.json` content and weights) for tests: the same network as
 * the tiny Sequential test model, as TensorFlow ops.
 *
 *   x [-1,2,2,1] → Conv2D(conv/kernel [1,1,1,2]) → BiasAdd(conv/bias) → Relu (conv/Relu)
 *   → Mean over [1,2] (gap) → MatMul(fc/kernel [2,2]) → BiasAdd(fc/bias) (fc/BiasAdd) → Softmax (Identity)
 *
 * conv kernel [1, -1], bias [0, 0.5]; fc kernel [[1, 0.5], [2, -1]], bias [0.25, 0].
 */
const tinyGraph = () =>
  convGapGraphModelJson({
    input: { name: 'x', shape: [-1, 2, 2, 1] },
    convKernel: { shape: [1, 1, 1, 2], values: [1, -1] },
    convBias: [0, 0.5],
    fcKernel: { shape: [2, 2], values: [1, 0.5, 2, -1] },
    fcBias: [0.25, 0],
  });

const { modelTopology, weightSpecs } = tinyGraph();
export const tinyGraphTopology = modelTopology;
export const tinyGraphWeightSpecs = weightSpecs;

/** The weights in the order of `tinyGraphWeightSpecs`, as one little-endian buffer. */
export function tinyGraphWeightData(): ArrayBuffer {
  return tinyGraph().weightData;
}
