import { tf } from '@visor/core';
import type { ReluRule } from './ReluRule.js';
import { withReluGradientRule } from './reluGradientRewrite.js';

/**
 * d score[n, classes[n]] / d input[n] for every input n of the batch, with ReLU gradients passed
 * by `rule`. One backward pass for the whole batch: the inputs of an inference-mode CNN do not
 * interact, so the gradient of Σ_n score[n, classes[n]] w.r.t. input n is that input's own.
 * A class of -1 leaves that input's gradient at zero. Returns [N, H, W, C], owned by the caller.
 *
 * @param scores  the differentiable map input [N, H, W, C] → scores [N, K] (e.g. `model.classScores`).
 */
export function ruleGradient(
  scores: (x: tf.Tensor4D) => tf.Tensor2D,
  input: tf.Tensor4D,
  classes: number[],
  rule: ReluRule,
): tf.Tensor4D {
  if (classes.length !== input.shape[0]) {
    throw new Error(`plugin-guided-bp: ${classes.length} classes given for a batch of ${input.shape[0]} inputs`);
  }
  return tf.tidy(() => {
    const objective = (x: tf.Tensor4D): tf.Scalar => {
      const s = scores(x);
      const k = s.shape[1];
      for (const c of classes) {
        if (!Number.isInteger(c) || c < -1 || c >= k) {
          throw new Error(`plugin-guided-bp: class ${c} is outside the model's ${k} classes (0..${k - 1})`);
        }
      }
      // (not tf.oneHot: it refuses depth 1, i.e. single-output models)
      const maskData = new Float32Array(classes.length * k);
      classes.forEach((c, n) => {
        if (c >= 0) maskData[n * k + c] = 1;
      });
      const mask = tf.tensor2d(maskData, [classes.length, k]);
      return tf.sum(tf.mul(s, mask));
    };
    return withReluGradientRule(rule, () => tf.grad((x: tf.Tensor) => objective(x as tf.Tensor4D))(input)) as tf.Tensor4D;
  });
}
