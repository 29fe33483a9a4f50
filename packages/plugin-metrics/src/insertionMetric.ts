import type { Metric } from '@visor/core';
import type { CausalOptions } from './CausalOptions.js';
import { causalOptionsSchema } from './causalOptionsSchema.js';
import { evaluateCausal } from './evaluateCausal.js';

/** Defaults of `insertion`: 20 steps onto the blurred image, as in RISE (σ = 5 px, RISE's 11×11 kernel of σ 5). */
export const insertionDefaults: CausalOptions = { steps: 20, fill: 'blur', blurSigma: 5, batchSize: 16, memoryBudgetMB: 1024 };

/** Insertion (Petsiuk et al. 2018): the target's score as the most salient pixels are revealed first; higher AUC is better. */
export const insertionMetric: Metric<CausalOptions> = {
  id: 'insertion',
  description: "Insertion (RISE): area under the target's score as the map's most salient pixels are revealed first on a blurred copy (higher is better).",
  optionsSchema: causalOptionsSchema(insertionDefaults),
  defaults: insertionDefaults,
  evaluate: (ctx) => evaluateCausal(ctx, 'insertion'),
};
