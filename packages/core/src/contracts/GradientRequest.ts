import type { GradientRewrite } from './GradientRewrite.js';
import type { NdArray } from './NdArray.js';
import type { ScoreKind } from './ScoreKind.js';

/**
 * What to differentiate: for each seed s (a [N, K] weighting of the batch's class scores), the
 * gradient of Σ_{n,k} s[n, k] · score[n, k] with respect to `wrt`. Inputs of a batch do not interact
 * at inference time, so with one-hot rows the gradient of input n is d score[n, c_n] / d wrt[n].
 * Several seeds (e.g. the first, second and third target of every input) are answered by one call.
 */
export interface GradientRequest {
  score: ScoreKind;
  /** Each of length N·K, row-major [N, K]. At least one. */
  seeds: Float32Array[];
  /** `input` or a layer name (`VisorModel.layers()`). */
  wrt: string;
  /** Replace the backward pass of the model's ReLUs (guided backprop, deconvnet). */
  rewrite?: GradientRewrite;
  /** Checked between seeds. */
  signal?: AbortSignal;
}

export interface GradientResult {
  /** The forward value of `wrt` for the batch (channels-last when image-shaped). */
  value: NdArray;
  /** One gradient per seed, in seed order, each shaped like `value`. */
  gradients: NdArray[];
  /** The scores [N, K] of `score`'s kind from the same forward pass. */
  scores: NdArray;
}
