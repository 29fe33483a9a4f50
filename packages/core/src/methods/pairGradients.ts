import type { GradientRequest } from '../contracts/GradientRequest.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { TargetPair } from './targetPairs.js';

/** The gradient of every (input, class) pair's score, and the forward value it was taken at. */
export interface PairGradients {
  /** The forward value of `wrt` for the whole batch [N, …]. */
  value: NdArray;
  /** Shape of one input's `wrt` value (without the batch axis), e.g. [h, w, K] or [H, W, C]. */
  shape: number[];
  /** Per pair, in pair order: d score[inputIndex, classIndex] / d wrt[inputIndex], flat. */
  gradients: Float32Array[];
}

/**
 * Gradients for (input, class) pairs with ONE `model.gradients` call: seed r selects the r-th target
 * of every input at once (one-hot at [n, c_nr]), so R seeds serve a batch with R targets per input,
 * not one pass per pair. Inputs of a batch do not interact, so each input's slice of a seed's gradient
 * is that input's own.
 */
export async function pairGradients(model: VisorModel, input: NdArray, pairs: TargetPair[], request: Omit<GradientRequest, 'seeds'>): Promise<PairGradients> {
  const n = input.shape[0]!;
  const k = model.numClasses;
  const ranks = pairs.reduce((m, p) => Math.max(m, p.rank + 1), 0);
  const seeds = Array.from({ length: ranks }, () => new Float32Array(n * k));
  for (const p of pairs) seeds[p.rank]![p.inputIndex * k + p.classIndex] = 1;
  const result = await model.gradients(input, { ...request, seeds });
  const shape = result.value.shape.slice(1);
  const size = shape.reduce((a, b) => a * b, 1);
  const gradients = pairs.map((p) => result.gradients[p.rank]!.data.slice(p.inputIndex * size, (p.inputIndex + 1) * size));
  return { value: result.value, shape, gradients };
}
