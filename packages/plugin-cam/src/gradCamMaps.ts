import { tf } from '@visor/core';
import type { ScoreKind, VisorModel } from '@visor/core';
import { featureLayer } from './featureLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';
import { sideInputs } from './sideInputs.js';
import type { TargetPair } from './targetPairs.js';

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
  /** Checked between target ranks; an abort frees the tensors and throws. */
  signal?: AbortSignal;
}

export interface GradCamMapsResult {
  /** The layer used. */
  layer: string;
  /** [P, h, w]: the map of each (input, class) pair, in pair order. Caller disposes. */
  maps: tf.Tensor3D;
}

/** ε of the Grad-CAM++ denominator, as in pytorch-grad-cam. */
const EPS = 1e-6;

/**
 * Grad-CAM (Selvaraju et al.) or Grad-CAM++ (Chattopadhay et al.) maps for every (input, class) pair.
 *
 * One forward pass to the layer's activations A [N, h, w, K] (and to the `sideInputs` of the rest of
 * the model); then, per target rank r (the r-th class of each input), one forward pass of the part
 * after the layer from A (`run` with overrides) and one backward pass for the whole batch: the
 * differentiated score is Σ_i y_{c_ir}(x_i), and since the inputs of a batch do not interact at
 * inference time its gradient w.r.t. A_i is the per-input gradient ∂y_c/∂A. Cost: 1 full forward pass, then R forward and backward passes of the
 * part after the layer, R = the longest target list (not one per pair).
 *
 * - Grad-CAM: α_k = mean_xy ∂y_c/∂A_k(x, y); map = Σ_k α_k A_k.
 * - Grad-CAM++ (eq. 19, exponential score, as pytorch-grad-cam): with g = ∂y_c/∂A,
 *   a = g² / (2g² + Σ_ab A_k(a, b)·g³ + ε) (0 where g = 0), w_k = Σ_xy a·ReLU(g); map = Σ_k w_k A_k.
 * Then ReLU when `relu`.
 */
export function gradCamMaps(
  model: VisorModel,
  input: tf.Tensor4D,
  pairs: TargetPair[],
  options: GradCamMapsOptions,
): GradCamMapsResult {
  const layer = options.layer ?? findGradCamLayer(model);
  featureLayer(model, layer, options.variant);
  const output = options.score === 'probability' ? 'probabilities' : 'logits';
  const n = input.shape[0];
  const ranks = pairs.reduce((m, p) => Math.max(m, p.rank + 1), 0);
  // One forward pass for the activations and the side inputs of the part after the layer, so that
  // each rank's forward pass starts at the layer (nothing before it is recomputed).
  const side = sideInputs(model, layer);
  const [activations, ...sideValues] = tf.tidy(() => model.run(input, [layer, ...side])) as [tf.Tensor4D, ...tf.Tensor[]];
  const fixed: Record<string, tf.Tensor> = Object.fromEntries(side.map((name, i) => [name, sideValues[i]]));
  const perRank: tf.Tensor3D[] = [];
  try {
    for (let r = 0; r < ranks; r++) {
      options.signal?.throwIfAborted();
      const mask = new Float32Array(n * model.numClasses);
      for (const p of pairs) if (p.rank === r) mask[p.inputIndex * model.numClasses + p.classIndex] = 1;
      perRank.push(
        tf.tidy(() => {
          const maskT = tf.tensor2d(mask, [n, model.numClasses]);
          const score = (a: tf.Tensor): tf.Scalar => tf.sum(tf.mul(model.run(input, [output], { ...fixed, [layer]: a })[0], maskT));
          const g = tf.grad(score)(activations) as tf.Tensor4D;
          const weights = options.variant === 'grad-cam' ? tf.mean(g, [1, 2], true) : plusPlusWeights(activations, g);
          const map = tf.sum(tf.mul(activations, weights), 3) as tf.Tensor3D;
          return options.relu ? tf.relu(map) : map;
        }),
      );
    }
    const maps = tf.tidy(() => {
      if (perRank.length === 0) return tf.zeros([0, activations.shape[1], activations.shape[2]]) as tf.Tensor3D;
      const all = tf.concat(perRank, 0); // row r·N + i is input i at rank r
      return tf.gather(all, tf.tensor1d(pairs.map((p) => p.rank * n + p.inputIndex), 'int32')) as tf.Tensor3D;
    });
    return { layer, maps };
  } finally {
    tf.dispose([activations, ...sideValues, ...perRank]);
  }
}

/** Grad-CAM++ channel weights [N, 1, 1, K] from activations A and gradients g [N, h, w, K]. */
function plusPlusWeights(a: tf.Tensor4D, g: tf.Tensor4D): tf.Tensor4D {
  const g2 = tf.square(g);
  const g3 = tf.mul(g2, g);
  const sumA = tf.sum(a, [1, 2], true);
  const denominator = tf.add(tf.add(tf.mul(g2, 2), tf.mul(sumA, g3)), EPS);
  const alpha = tf.where(tf.notEqual(g, 0), tf.div(g2, denominator), tf.zerosLike(g));
  return tf.sum(tf.mul(alpha, tf.relu(g)), [1, 2], true) as tf.Tensor4D;
}
