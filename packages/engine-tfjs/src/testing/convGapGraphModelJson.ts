import { graphModelJson, graphOps as op, type GraphModelJson } from './graphModelJson.js';

export interface ConvGapGraphSpec {
  /** Name and shape [-1, H, W, C] of the input placeholder. */
  input: { name: string; shape: number[] };
  /** Conv kernel [kh, kw, C, F] (stride 1, VALID) and its bias [F]. */
  convKernel: { shape: number[]; values: ArrayLike<number> };
  convBias: number[];
  /** Dense kernel [F, K] (row-major) and its bias [K]. */
  fcKernel: { shape: number[]; values: ArrayLike<number> };
  fcBias: number[];
  /** The axes "gap" averages over: [1, 2] (height and width, a global average pool) unless given. */
  gapAxes?: [number, number];
}

/**
 * The CAM-shaped graph model of the tests, as the converter writes a Keras conv → GAP → Dense softmax:
 *   input → Conv2D (conv/kernel) → BiasAdd (conv/bias) → Relu "conv/Relu" → Mean over [1, 2] "gap"
 *   → MatMul "fc/MatMul" (fc/kernel) → BiasAdd "fc/BiasAdd" (fc/bias) → Softmax "fc/Softmax" → Identity.
 */
export function convGapGraphModelJson(spec: ConvGapGraphSpec): GraphModelJson {
  return graphModelJson(
    [op.placeholder(spec.input.name, spec.input.shape)],
    [
      { name: 'conv/kernel', ...spec.convKernel },
      { name: 'conv/bias', shape: [spec.convBias.length], values: spec.convBias },
      { name: 'gap/axes', shape: [2], dtype: 'int32', values: spec.gapAxes ?? [1, 2] },
      { name: 'fc/kernel', ...spec.fcKernel },
      { name: 'fc/bias', shape: [spec.fcBias.length], values: spec.fcBias },
    ],
    [
      op.conv2d('conv/Conv2D', spec.input.name, 'conv/kernel'),
      op.biasAdd('conv/BiasAdd', 'conv/Conv2D', 'conv/bias'),
      op.relu('conv/Relu', 'conv/BiasAdd'),
      op.mean('gap', 'conv/Relu', 'gap/axes'),
      op.matMul('fc/MatMul', 'gap', 'fc/kernel'),
      op.biasAdd('fc/BiasAdd', 'fc/MatMul', 'fc/bias'),
      op.softmax('fc/Softmax', 'fc/BiasAdd'),
      op.identity('Identity', 'fc/Softmax'),
    ],
  );
}
