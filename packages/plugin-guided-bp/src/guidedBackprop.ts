import type { Explainer, Explanation } from '@visor/core';
import { targetPairs } from '@visor/plugin-cam';
import { RELU_RULES } from './ReluRule.js';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import {
  CHANNEL_REDUCES,
  guidedBackpropDefaults,
  guidedBackpropOptionsSchema,
  type GuidedBackpropOptions,
} from './guidedBackpropOptions.js';
import { pairGradients } from './pairGradients.js';
import { resolveOptions } from './resolveOptions.js';

const ID = 'guided-backprop';

/**
 * `guided-backprop`: the gradient of the class score w.r.t. the input pixels with every ReLU's
 * gradient replaced by `rule` (guided by default; `deconvnet` and `backprop` = vanilla saliency).
 * raw = the signed attribution [H, W, C]; heatmap = max-abs (or L2) over channels; extras `maxAbs`,
 * `l2`, `reconstruction`.
 */
export const guidedBackprop: Explainer<GuidedBackpropOptions> = {
  id: ID,
  description: 'Guided backprop / deconvnet / vanilla gradient: input-pixel attribution by rewriting ReLU gradients',
  optionsSchema: guidedBackpropOptionsSchema,
  defaults: guidedBackpropDefaults,
  async explain(ctx): Promise<Explanation[]> {
    ctx.signal.throwIfAborted();
    const options = resolveOptions(guidedBackprop, ctx.options, {
      rule: RELU_RULES,
      score: ['logit', 'probability'],
      reduce: CHANNEL_REDUCES,
    });
    const pairs = targetPairs(ctx.targets, ctx.input.shape[0], ctx.model.numClasses, ID);
    if (pairs.length === 0) return [];
    const [, h, w, c] = ctx.input.shape;
    ctx.progress({ stage: ID, done: 0, total: pairs.length });
    const done = (r: number) => pairs.filter((p) => p.rank < r).length;
    const grads = pairGradients(ctx.model, ctx.input, pairs, options.rule, options.score, ctx.signal, (r, total) => {
      if (r < total) ctx.progress({ stage: ID, done: done(r), total: pairs.length });
    });
    let all: Float32Array;
    try {
      all = (await grads.data()) as Float32Array;
    } finally {
      grads.dispose();
    }
    const size = h * w * c;
    const scores = options.score === 'probability' ? ctx.predictions.probabilities : ctx.predictions.logits;
    const out = pairs.map((pair, i): Explanation => {
      const meaning = attributionMeaning(describeTarget(ctx, pair.classIndex), options.score, options.rule);
      const maps = attributionMaps(all.subarray(i * size, (i + 1) * size), [h, w, c], options.reduce, meaning);
      return {
        method: ID,
        inputIndex: pair.inputIndex,
        target: {
          classIndex: pair.classIndex,
          label: ctx.label(pair.classIndex),
          score: scores[pair.inputIndex][pair.classIndex],
          scoreKind: options.score,
        },
        options: { ...options },
        ...maps,
      };
    });
    ctx.progress({ stage: ID, done: pairs.length, total: pairs.length });
    return out;
  },
};
