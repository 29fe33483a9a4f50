/* eslint-disable @typescript-eslint/no-explicit-any -- tests pass partial options; the explainer under test fills the rest from its defaults */
import type { ExplainContext, NdArray, VisorModel } from '@visor/core';
import { explainContext } from '@visor/core/testing';
import { tf, wrapLayersModel, type TfjsModel } from '@visor/engine-tfjs';
import { CONV_BIAS, CONV_KERNEL, tinyCnn, type ReluPlacement } from '@visor/engine-tfjs/testing';
import { expect } from 'vitest';

/** Expects a 4×4 map (row-major) to be `expected` to 5 decimals, naming the cell on failure. */
export function expectGrid(data: Float32Array, expected: number[][]): void {
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(data[i * 4 + j], `(${i}, ${j})`).toBeCloseTo(expected[i]![j]!, 5);
}

/** The hand-worked tiny CNN (@visor/engine-tfjs/testing) as a VisorModel that frees its tfjs model on dispose(). */
export function tinyModel(placement: ReluPlacement, dense0: number[], dense1?: number[]): TfjsModel {
  return wrapLayersModel(tinyCnn(placement, dense0, dense1), `tiny CNN (${placement})`, { owned: true });
}

/**
 * The tiny CNN of the hand-worked tests (conv diag(1, 2, 3) + 0.5 → 2×2, head class 0 = dense0 + 0.1,
 * class 1 = [1, 1, 1, 1] − 0.2) built with a separate rectifier layer named `act`: a ReLU, or a
 * LeakyReLU with α = 0.1; and a linear or a softmax head (whose logits are the same pre-activations).
 */
export function handBuiltModel(act: 'relu' | 'leaky', head: 'linear' | 'softmax', dense0: number[]): TfjsModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 1, kernelSize: 3, name: 'conv' }));
  m.add(act === 'relu' ? tf.layers.reLU({ name: 'act' }) : tf.layers.leakyReLU({ alpha: 0.1, name: 'act' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 2, activation: head, name: 'head' }));
  const weights = [
    tf.tensor4d(CONV_KERNEL.flat(), [3, 3, 1, 1]),
    tf.tensor1d([CONV_BIAS]),
    tf.tensor2d(
      dense0.map((w) => [w, 1]),
      [4, 2],
    ),
    tf.tensor1d([0.1, -0.2]),
  ];
  m.setWeights(weights);
  tf.dispose(weights);
  return wrapLayersModel(m, `tiny CNN (${act}, ${head} head)`, { owned: true });
}

/** The explain context the pipeline would build: predictions from one forward pass, labels = indices. */
export function contextFor<O = any>(
  model: VisorModel,
  input: NdArray,
  targets: number[][],
  options: Partial<O> | Record<string, unknown>,
  signal: AbortSignal = new AbortController().signal,
): Promise<ExplainContext<any>> {
  return explainContext<any>(model, input, { targets, options, signal });
}
