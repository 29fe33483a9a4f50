import type { JsonSchema } from '@visor/core';
import { occlusionDefaults } from './occlusionDefaults.js';

const size = (what: string, special: string, specialMeaning: string): JsonSchema => ({
  description: `${what}: an integer ≥ 1 (square), [height, width], or '${special}' (${specialMeaning}).`,
  anyOf: [{ type: 'integer', minimum: 1 }, { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 }, { const: special }],
});

/** JSON Schema of the `occlusion` options. Limits that depend on the input (patch ≤ input) are checked at run time. */
export const occlusionOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    patch: { ...size('Window size in pixels', 'auto', 'ceil(min(H, W) / 14), 16 for 224×224'), default: occlusionDefaults.patch },
    stride: {
      ...size('Step between windows, at most the patch', 'patch', 'equal to the patch: a grid without overlap'),
      default: occlusionDefaults.stride,
    },
    fill: {
      description:
        "Value of occluded pixels in the model's input space: a number, one number per channel, 'mean' (the image's per-channel mean) or 'blur' (a box-blurred copy of the image).",
      anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' }, minItems: 1 }, { enum: ['mean', 'blur'] }],
      default: occlusionDefaults.fill,
    },
    blurRadius: {
      description: "Radius r of the box blur of fill 'blur': a (2r+1)×(2r+1) square clipped at the image edges.",
      type: 'integer',
      minimum: 0,
      default: occlusionDefaults.blurRadius,
    },
    output: {
      description: "'drop': unoccluded minus occluded score (high = important); 'probability': the occluded score (low = important).",
      enum: ['probability', 'drop'],
      default: occlusionDefaults.output,
    },
    score: {
      description:
        "Score that is mapped: 'probability' (the model's output activation), 'logit' (the head before it), or 'auto' = probability when the model has an output activation, the logit for a linear (regression) head.",
      enum: ['auto', 'logit', 'probability'],
      default: occlusionDefaults.score,
    },
    batchSize: {
      description: 'Occluded copies per forward pass (lowered to fit memoryBudgetMB).',
      type: 'integer',
      minimum: 1,
      default: occlusionDefaults.batchSize,
    },
    memoryBudgetMB: {
      description: 'Memory for one forward pass: batch × H × W × C × 4 bytes × activationFactor must fit.',
      type: 'number',
      exclusiveMinimum: 0,
      default: occlusionDefaults.memoryBudgetMB,
    },
    activationFactor: {
      description: "Ratio of a forward pass's memory to the size of its input: 'auto' measures it from the model's layer shapes.",
      anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { const: 'auto' }],
      default: occlusionDefaults.activationFactor,
    },
    preview: {
      description: 'Return the occluded copies of the first batch (at most 16) as extras.patchPreview.',
      type: 'boolean',
      default: occlusionDefaults.preview,
    },
  },
};
