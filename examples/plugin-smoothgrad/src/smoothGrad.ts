import { makeMap, tf, type Explainer, type Explanation } from '@visor/core';
import { smoothGradDefaults, smoothGradSchema, type SmoothGradOptions } from './smoothGradOptions.js';

/**
 * SmoothGrad (Smilkov et al. 2017): M_c(x) = 1/n Σ_i ∂S_c/∂x (x + N(0, σ²)), σ = noiseLevel · (max x − min x).
 * Per input and target, the n noisy copies run as one batch; `raw` is the H×W×C mean gradient,
 * `heatmap` its per-pixel max |·| over channels.
 */
export const smoothGrad: Explainer<SmoothGradOptions> = {
  id: 'smoothgrad',
  description: 'SmoothGrad: input gradient averaged over noisy copies (Smilkov et al. 2017)',
  optionsSchema: smoothGradSchema,
  defaults: smoothGradDefaults,
  async explain(ctx) {
    const { samples, noiseLevel, score, squared, seed } = ctx.options;
    const [n, h, w, c] = ctx.input.shape;
    const out: Explanation[] = [];
    for (let i = 0; i < n; i++) {
      for (const target of ctx.targets[i]) {
        ctx.signal.throwIfAborted();
        const mean = tf.tidy(() => {
          const x = tf.slice(ctx.input, [i, 0, 0, 0], [1, h, w, c]);
          const sigma = tf.sub(tf.max(x), tf.min(x)).mul(noiseLevel);
          const noisy = tf.add(x, tf.randomNormal([samples, h, w, c], 0, 1, 'float32', seed + i).mul(sigma));
          const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.slice(ctx.model.classScores(v as tf.Tensor4D, score), [0, target], [samples, 1])))(noisy);
          return tf.mean(squared ? tf.square(grad) : grad, 0);
        });
        const raw = (await mean.data()) as Float32Array;
        mean.dispose();
        const heat = new Float32Array(h * w);
        for (let p = 0; p < h * w; p++) {
          let m = 0;
          for (let k = 0; k < c; k++) m = Math.max(m, Math.abs(raw[p * c + k]));
          heat[p] = m;
        }
        const scores = score === 'logit' ? ctx.predictions.logits[i] : ctx.predictions.probabilities[i];
        out.push({
          method: 'smoothgrad',
          inputIndex: i,
          target: { classIndex: target, label: ctx.label(target), score: scores[target], scoreKind: score },
          options: { ...ctx.options },
          raw: makeMap(raw, [h, w, c], `mean ${squared ? 'squared ' : ''}gradient of the ${score} of '${ctx.label(target)}' over ${samples} noisy copies`, !squared),
          heatmap: makeMap(heat, [h, w], 'max over channels of |mean gradient|'),
          stats: { samples, noiseLevel },
        });
      }
    }
    return out;
  },
};
