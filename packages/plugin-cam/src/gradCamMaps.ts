import { pairGradients } from '@visor/core';
import type { NdArray, ScoreKind, TargetPair, VisorModel } from '@visor/core';
import { featureLayer } from './featureLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';

/** Which channel weighting: Grad-CAM (mean gradient) or Grad-CAM++ (closed-form α). */
export type GradCamVariant = 'grad-cam' | 'grad-cam++';

export interface GradCamMapsOptions {
  variant: GradCamVariant;
  /** The layer with a 4-D output; `findGradCamLayer(model)` when absent. */
  layer?: string;
  /** The differentiated class score. */
  score: ScoreKind;
  /** Apply ReLU to the weighted sum. */
  relu: boolean;
  /** Passed to the model's gradient call (checked between target ranks); an abort throws an AbortError. */
  signal?: AbortSignal;
}

export interface GradCamMapsResult {
  /** The layer used. */
  layer: string;
  /** [h, w] of the layer's output. */
  size: [number, number];
  /** Per (input, class) pair, in pair order: the map, h·w values row-major. */
  maps: Float32Array[];
}

/** ε of the Grad-CAM++ denominator, as in pytorch-grad-cam. */
const EPS = 1e-6;

/**
 * Grad-CAM (Selvaraju et al.) or Grad-CAM++ (Chattopadhay et al.) maps for every (input, class) pair.
 *
 * The activations A [N, h, w, K] of the layer and the gradients g = ∂y_c/∂A come from ONE
 * `model.gradients` call (core's `pairGradients`): one seed per target rank r (the r-th class of every
 * input at once), so R = the longest target list, not one backward pass per pair. The weights and sums
 * are then computed here on plain arrays (double precision), per pair:
 *
 * - Grad-CAM: α_k = mean_xy g_k(x, y); map = Σ_k α_k A_k.
 * - Grad-CAM++ (eq. 19, exponential score, as pytorch-grad-cam): a = g² / (2g² + Σ_ab A_k(a, b)·g³ + ε)
 *   (0 where g = 0), w_k = Σ_xy a·ReLU(g); map = Σ_k w_k A_k.
 *
 * Then ReLU when `relu`.
 */
export async function gradCamMaps(model: VisorModel, input: NdArray, pairs: TargetPair[], options: GradCamMapsOptions): Promise<GradCamMapsResult> {
  const layer = options.layer ?? findGradCamLayer(model);
  featureLayer(model, layer, options.variant);
  options.signal?.throwIfAborted();
  if (pairs.length === 0) {
    const [, h, w] = model.layer(layer).outputShape;
    return { layer, size: [h ?? 0, w ?? 0], maps: [] };
  }
  const { value, shape, gradients } = await pairGradients(model, input, pairs, { score: options.score, wrt: layer, signal: options.signal });
  const [h, w, k] = shape;
  const size = h! * w! * k!;
  const maps = pairs.map((pair, i) => {
    const a = value.data.subarray(pair.inputIndex * size, (pair.inputIndex + 1) * size);
    const g = gradients[i]!;
    const weights = options.variant === 'grad-cam' ? meanGradients(g, h! * w!, k!) : plusPlusWeights(a, g, h! * w!, k!);
    const map = new Float32Array(h! * w!);
    for (let cell = 0; cell < h! * w!; cell++) {
      let sum = 0;
      for (let j = 0; j < k!; j++) sum += weights[j]! * a[cell * k! + j]!;
      map[cell] = options.relu ? Math.max(sum, 0) : sum;
    }
    return map;
  });
  return { layer, size: [h!, w!], maps };
}

/** Grad-CAM's α_k: the mean over the cells of the gradient of channel k ([cells, K] channels-last). */
function meanGradients(g: Float32Array, cells: number, k: number): Float64Array {
  const alpha = new Float64Array(k);
  for (let cell = 0; cell < cells; cell++) for (let j = 0; j < k; j++) alpha[j]! += g[cell * k + j]!;
  for (let j = 0; j < k; j++) alpha[j]! /= cells;
  return alpha;
}

/** Grad-CAM++ channel weights w_k from activations A and gradients g ([cells, K] channels-last). */
function plusPlusWeights(a: Float32Array, g: Float32Array, cells: number, k: number): Float64Array {
  const sumA = new Float64Array(k);
  for (let cell = 0; cell < cells; cell++) for (let j = 0; j < k; j++) sumA[j]! += a[cell * k + j]!;
  const weights = new Float64Array(k);
  for (let cell = 0; cell < cells; cell++) {
    for (let j = 0; j < k; j++) {
      const gv = g[cell * k + j]!;
      if (gv === 0) continue;
      const g2 = gv * gv;
      const alpha = g2 / (2 * g2 + sumA[j]! * g2 * gv + EPS);
      weights[j]! += alpha * Math.max(gv, 0);
    }
  }
  return weights;
}
