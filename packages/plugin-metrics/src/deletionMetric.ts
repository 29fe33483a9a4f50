import type { Metric } from '@visor/core';
import type { CausalOptions } from './CausalOptions.js';
import { causalOptionsSchema } from './causalOptionsSchema.js';
import { evaluateCausal } from './evaluateCausal.js';

/** Defaults of `deletion`: 20 steps, deleted pixels set to 0 as in RISE (in a mean-subtracted input space, the mean colour). */
export const deletionDefaults: CausalOptions = { steps: 20, fill: 0, blurSigma: 5, batchSize: 16, memoryBudgetMB: 1024 };

/** Deletion (Petsiuk et al. 2018): the target's score as the most salient pixels are removed first; lower AUC is better. */
export const deletionMetric: Metric<CausalOptions> = {
  id: 'deletion',
  description: "Deletion (RISE): area under the target's score as the map's most salient pixels are removed first (lower is better).",
  optionsSchema: causalOptionsSchema(deletionDefaults),
  defaults: deletionDefaults,
  evaluate: (ctx) => evaluateCausal(ctx, 'deletion'),
};
