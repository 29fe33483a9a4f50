import { RELU_RULES } from './ReluRule.js';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import {
  CHANNEL_REDUCES,
  guidedBackpropDefaults,
  guidedBackpropOptionsSchema,
  type GuidedBackpropOptions,
} from './guidedBackpropOptions.js';
import { pairExplainer } from './pairExplainer.js';
import { pairGradients } from './pairGradients.js';

const ID = 'guided-backprop';

/**
 * `guided-backprop`: the gradient of the class score w.r.t. the input pixels with every ReLU's
 * gradient replaced by `rule` (guided by default; `deconvnet` and `backprop` = vanilla saliency).
 * raw = the signed attribution [H, W, C]; heatmap = max-abs (or L2) over channels; extras `maxAbs`,
 * `l2`, `reconstruction`.
 */
export const guidedBackprop = pairExplainer<GuidedBackpropOptions>({
  id: ID,
  description: 'Guided backprop / deconvnet / vanilla gradient: input-pixel attribution by rewriting ReLU gradients',
  optionsSchema: guidedBackpropOptionsSchema,
  defaults: guidedBackpropDefaults,
  accepted: {
    rule: RELU_RULES,
    score: ['logit', 'probability'],
    reduce: CHANNEL_REDUCES,
  },
  async explainPairs(ctx, options, pairs) {
    const [, h, w, c] = ctx.input.shape;
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
    return pairs.map((pair, i) => {
      const meaning = attributionMeaning(describeTarget(ctx, pair.classIndex), options.score, options.rule);
      const maps = attributionMaps(all.subarray(i * size, (i + 1) * size), [h, w, c], options.reduce, meaning);
      return { options: { ...options }, ...maps };
    });
  },
});
