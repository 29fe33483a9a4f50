import { graphModelJson, graphOps as op } from '../testing/graphModelJson.js';

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
  graphModelJson(
    [op.placeholder('x', [-1, 2, 2, 1])],
    [
      { name: 'conv/kernel', shape: [1, 1, 1, 2], values: [1, -1] },
      { name: 'conv/bias', shape: [2], values: [0, 0.5] },
      { name: 'gap/axes', shape: [2], dtype: 'int32', values: [1, 2] },
      { name: 'fc/kernel', shape: [2, 2], values: [1, 0.5, 2, -1] },
      { name: 'fc/bias', shape: [2], values: [0.25, 0] },
    ],
    [
      op.conv2d('conv/Conv2D', 'x', 'conv/kernel'),
      op.biasAdd('conv/BiasAdd', 'conv/Conv2D', 'conv/bias'),
      op.relu('conv/Relu', 'conv/BiasAdd'),
      op.mean('gap', 'conv/Relu', 'gap/axes'),
      op.matMul('fc/MatMul', 'gap', 'fc/kernel'),
      op.biasAdd('fc/BiasAdd', 'fc/MatMul', 'fc/bias'),
      op.softmax('fc/Softmax', 'fc/BiasAdd'),
      op.identity('Identity', 'fc/Softmax'),
    ],
  );

const { modelTopology, weightSpecs } = tinyGraph();
export const tinyGraphTopology = modelTopology;
export const tinyGraphWeightSpecs = weightSpecs;

/** The weights in the order of `tinyGraphWeightSpecs`, as one little-endian buffer. */
export function tinyGraphWeightData(): ArrayBuffer {
  return tinyGraph().weightData;
}
