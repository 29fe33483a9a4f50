import { pairGradients, nhwc } from '@visor/core';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import { guidedBackpropDefaults, guidedBackpropOptionsSchema, type GuidedBackpropOptions } from './guidedBackpropOptions.js';
import { pairExplainer } from './pairExplainer.js';
import { rewriteForRule } from './reluRewrites.js';

/**
 * `guided-backprop`: the gradient of the class score w.r.t. the input pixels with every ReLU's
 * gradient replaced by `rule` (guided by default; `deconvnet` and `backprop` = vanilla saliency),
 * from one `model.gradients` call (one seed per target rank) on whichever engine runs the model.
 * raw = the signed attribution [H, W, C]; heatmap = max-abs (or L2) over channels; extras `maxAbs`,
 * `l2`, `reconstruction`.
 */
export const guidedBackprop = pairExplainer<GuidedBackpropOptions>({
  id: 'guided-backprop',
  description: 'Guided backprop / deconvnet / vanilla gradient: input-pixel attribution by rewriting ReLU gradients',
  optionsSchema: guidedBackpropOptionsSchema,
  defaults: guidedBackpropDefaults,
  async explainPairs(ctx, options, pairs) {
    const [, h, w, c] = nhwc(ctx.input);
    const { gradients } = await pairGradients(ctx.model, ctx.input, pairs, {
      score: options.score,
      wrt: 'input',
      rewrite: rewriteForRule(options.rule),
      signal: ctx.signal,
    });
    return pairs.map((pair, i) => {
      const meaning = attributionMeaning(describeTarget(ctx, pair.classIndex), options.score, options.rule, ctx.model.finalActivation);
      return { options: { ...options }, ...attributionMaps(gradients[i]!, [h, w, c], options.reduce, meaning) };
    });
  },
});
