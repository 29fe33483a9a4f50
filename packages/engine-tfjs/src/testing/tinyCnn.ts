import type { NdArray } from '@visor/core';
import { tf } from '../tf.js';

/**
 * Test fixture (for plugin tests too, via @visor/engine-tfjs/testing): the tiny CNN of the hand-worked tests (4×4×1 input, 3×3 valid conv with the
 * diagonal kernel diag(1, 2, 3) and bias 0.5 → 2×2×1, a ReLU applied one of several ways,
 * flatten in (h, w) order, Dense 4 → 2 with a linear output).
 */
export type ReluPlacement =
  | 'fused-relu' // Conv2D({activation: 'relu'})
  | 'relu-layer' // Conv2D linear → ReLU()
  | 'activation-relu' // Conv2D linear → Activation('relu')
  | 'fused-relu6' // Conv2D({activation: 'relu6'}) (tfjs-layers applies it as minimum(6, relu(x)), unfused)
  | 'activation-relu6' // Conv2D linear → Activation('relu6')
  | 'relu-max6'; // Conv2D linear → ReLU({maxValue: 6})

export const CONV_KERNEL = [
  [1, 0, 0],
  [0, 2, 0],
  [0, 0, 3],
];
export const CONV_BIAS = 0.5;

/**
 * The input of the hand-worked tests (the table in ruleGradient.test.ts): with CONV_KERNEL and
 * CONV_BIAS the conv gives z = [1.5, 2.5, −0.5, −2.5], so two units pass a ReLU and two do not.
 */
export const HAND_WORKED_X = [
  [1, 2, 0, 0],
  [-1, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, -1],
];

export function tinyCnn(placement: ReluPlacement, dense0: number[], dense1 = [1, 1, 1, 1], bias = [0.1, -0.2]): tf.LayersModel {
  const fused = placement === 'fused-relu' ? 'relu' : placement === 'fused-relu6' ? 'relu6' : 'linear';
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 1, kernelSize: 3, activation: fused, name: 'conv' }));
  if (placement === 'relu-layer') model.add(tf.layers.reLU());
  if (placement === 'relu-max6') model.add(tf.layers.reLU({ maxValue: 6 }));
  if (placement === 'activation-relu') model.add(tf.layers.activation({ activation: 'relu' }));
  if (placement === 'activation-relu6') model.add(tf.layers.activation({ activation: 'relu6' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, name: 'head' }));
  const kernel = tf.tensor4d(CONV_KERNEL.flat(), [3, 3, 1, 1]);
  const convBias = tf.tensor1d([CONV_BIAS]);
  const dense = tf.tensor2d(
    dense0.map((w, i) => [w, dense1[i]!]),
    [4, 2],
  );
  const denseBias = tf.tensor1d(bias);
  model.setWeights([kernel, convBias, dense, denseBias]);
  tf.dispose([kernel, convBias, dense, denseBias]);
  return model;
}

/** A 4×4 one-channel image as a [1, 4, 4, 1] batch tensor. */
export function image4x4(rows: number[][]): tf.Tensor4D {
  return tf.tensor4d(rows.flat(), [1, 4, 4, 1]);
}

/** A 4×4 one-channel image as a [1, 4, 4, 1] batch NdArray (what VisorModel methods take). */
export function batch4x4(rows: number[][]): NdArray {
  return { data: Float32Array.from(rows.flat()), shape: [1, 4, 4, 1] };
}

/** Scores of a plain (linear-output) LayersModel, differentiable. */
export function logitsOf(model: tf.LayersModel): (x: tf.Tensor4D) => tf.Tensor2D {
  return (x) => model.apply(x, { training: false }) as tf.Tensor2D;
}
