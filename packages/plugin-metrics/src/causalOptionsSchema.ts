import type { JsonSchema } from '@visor/core';
import type { CausalOptions } from './CausalOptions.js';

/** JSON Schema of the `deletion` / `insertion` options, with that metric's defaults. */
export function causalOptionsSchema(defaults: CausalOptions): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      steps: {
        description: 'Equal steps from no pixel to all pixels changed; the curve has steps + 1 points, both ends included.',
        type: 'integer',
        minimum: 1,
        maximum: 10000,
        default: defaults.steps,
      },
      fill: {
        description:
          "Baseline in the model's input space: a number, one number per channel, 'mean' (the image's per-channel mean) or 'blur' (the image Gaussian-blurred with σ = blurSigma).",
        anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' }, minItems: 1 }, { enum: ['mean', 'blur'] }],
        default: defaults.fill,
      },
      blurSigma: {
        description: "σ in pixels of the Gaussian blur of fill 'blur' (kernel truncated at ⌈3σ⌉, renormalised at the borders).",
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.blurSigma,
      },
      batchSize: {
        description: 'Perturbed images per forward pass (lowered to fit memoryBudgetMB).',
        type: 'integer',
        minimum: 1,
        default: defaults.batchSize,
      },
      memoryBudgetMB: {
        description: "Memory for one forward pass in MiB: batch × the model's activations per image (from its layer shapes) must fit.",
        type: 'number',
        exclusiveMinimum: 0,
        default: defaults.memoryBudgetMB,
      },
    },
  };
}
