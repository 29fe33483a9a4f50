import { targetPairs, validateOptions, VisorError } from '@visor/core';
import type { Explainer, Explanation } from '@visor/core';
import { gradCamDefaults, gradCamOptionsSchema, type CamOptions } from './camOptions.js';
import { explanationsFromMaps } from './explanationsFromMaps.js';
import { gradCamMaps, type GradCamVariant } from './gradCamMaps.js';

/** Builds the `grad-cam` or `grad-cam++` explainer (they differ only in the channel weights). */
export function gradCamExplainer(variant: GradCamVariant, description: string, weightsText: string): Explainer<CamOptions> {
  // Direct callers of explain may pass partial options: the one schema checks them and fills the defaults.
  const explainerOptions = { id: variant, optionsSchema: gradCamOptionsSchema, defaults: gradCamDefaults };
  return {
    id: variant,
    description,
    optionsSchema: gradCamOptionsSchema,
    defaults: gradCamDefaults,
    async explain(ctx): Promise<Explanation[]> {
      ctx.signal.throwIfAborted();
      const options = validateOptions(explainerOptions, ctx.options);
      if (variant === 'grad-cam++' && options.score === 'probability') {
        throw new VisorError(
          "grad-cam++: option score = 'probability' is refused: Grad-CAM++'s closed-form weights (α = g² / (2g² + Σ A·g³)) " +
            'hold for an exponential of a linear score, i.e. for the logit. Accepted: score: logit (the default).',
          { code: 'config', hint: 'use score: logit, or grad-cam for probability maps' },
        );
      }
      const pairs = targetPairs(ctx.targets, ctx.input.shape[0]!, ctx.model.numClasses, variant);
      if (pairs.length === 0) return [];
      ctx.progress({ stage: variant, done: 0, total: pairs.length });
      const { layer, size, maps } = await gradCamMaps(ctx.model, ctx.input, pairs, {
        variant,
        layer: options.layer,
        score: options.score,
        relu: options.relu,
        signal: ctx.signal,
      });
      const scoreText =
        options.score === 'probability' ? `probability (the model's ${ctx.model.finalActivation} output)` : 'logit (the head before its activation)';
      const explanations = explanationsFromMaps({
        ctx: { ...ctx, options },
        method: variant,
        layer,
        options,
        maps,
        size,
        pairs,
        valueMeaning: (target) =>
          `${variant === 'grad-cam' ? 'Grad-CAM' : 'Grad-CAM++'} Σ_k w_k·A_k(x, y) for ${target}, with A the ` +
          `activations of ${layer} and ${weightsText} of the ${scoreText} y_c`,
      });
      ctx.progress({ stage: variant, done: pairs.length, total: pairs.length });
      return explanations;
    },
  };
}
