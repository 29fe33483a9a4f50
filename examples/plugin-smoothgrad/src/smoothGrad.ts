import { makeMap, type Explainer, type Explanation, nhwc } from '@visor/core';
import { gaussianNoise } from './gaussianNoise.js';
import { smoothGradDefaults, smoothGradSchema, type SmoothGradOptions } from './smoothGradOptions.js';

/**
 * SmoothGrad (Smilkov et al. 2017): M_c(x) = 1/n Σ_i ∂S_c/∂x (x + N(0, σ²)), σ = noiseLevel · (max x − min x).
 * Per input, the n noisy copies run as one batch through one `model.gradients` call, with one seed per
 * target (one-hot at that class on every copy), so each copy gets its own gradient; the mean over the
 * copies is plain JS. No engine is imported: it runs on whatever engine loaded the model.
 * `raw` is the H×W×C mean gradient, `heatmap` its per-pixel max |·| over channels.
 */
export const smoothGrad: Explainer<SmoothGradOptions> = {
  id: 'smoothgrad',
  description: 'SmoothGrad: input gradient averaged over noisy copies (Smilkov et al. 2017)',
  optionsSchema: smoothGradSchema,
  defaults: smoothGradDefaults,
  async explain(ctx) {
    const { samples, noiseLevel, score, squared, seed } = ctx.options;
    const [n, h, w, c] = nhwc(ctx.input);
    const size = h * w * c;
    const k = ctx.model.numClasses;
    const out: Explanation[] = [];
    for (let i = 0; i < n; i++) {
      ctx.signal.throwIfAborted();
      const targets = ctx.targets[i]!;
      if (targets.length === 0) continue;
      const x = ctx.input.data.subarray(i * size, (i + 1) * size);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of x) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const sigma = noiseLevel * (hi - lo);
      const noisy = gaussianNoise(samples * size, seed + i);
      for (let j = 0; j < noisy.length; j++) noisy[j] = x[j % size]! + sigma * noisy[j]!;
      const seeds = targets.map((t) => {
        const s = new Float32Array(samples * k);
        for (let copy = 0; copy < samples; copy++) s[copy * k + t] = 1;
        return s;
      });
      const { gradients } = await ctx.model.gradients({ data: noisy, shape: [samples, h, w, c] }, { score, wrt: 'input', seeds, signal: ctx.signal });

      targets.forEach((target, r) => {
        const g = gradients[r]!.data;
        const sum = new Float64Array(size);
        for (let copy = 0; copy < samples; copy++) {
          for (let j = 0; j < size; j++) {
            const v = g[copy * size + j]!;
            sum[j]! += squared ? v * v : v;
          }
        }
        const raw = Float32Array.from(sum, (v) => v / samples);
        const heat = new Float32Array(h * w);
        for (let p = 0; p < h * w; p++) {
          let m = 0;
          for (let ch = 0; ch < c; ch++) m = Math.max(m, Math.abs(raw[p * c + ch]!));
          heat[p] = m;
        }
        const scores = (score === 'logit' ? ctx.predictions.logits : ctx.predictions.probabilities)[i]!;
        out.push({
          method: 'smoothgrad',
          inputIndex: i,
          target: { classIndex: target, label: ctx.label(target), score: scores[target]!, scoreKind: score },
          options: { ...ctx.options },
          raw: makeMap(
            raw,
            [h, w, c],
            `mean ${squared ? 'squared ' : ''}gradient of the ${score} of '${ctx.label(target)}' over ${samples} noisy copies`,
            !squared,
          ),
          heatmap: makeMap(heat, [h, w], 'max over channels of |mean gradient|'),
          stats: { samples, noiseLevel },
        });
      });
    }
    return out;
  },
};
