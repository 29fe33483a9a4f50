import type { JsonSchema, ScoreKind } from '@visor/core';
import { reduceProperty, scoreProperty, type ChannelReduce } from './guidedBackpropOptions.js';

export type CamUpsample = 'bilinear' | 'nearest';
export const CAM_UPSAMPLES: readonly CamUpsample[] = ['bilinear', 'nearest'];

/** Options of `guided-grad-cam`. */
export interface GuidedGradCamOptions {
  /** The Grad-CAM layer; found by `findGradCamLayer` (plugin-cam) when absent. */
  layer?: string;
  /** The differentiated class score, for both factors (default `logit`). */
  score: ScoreKind;
  /** How the Grad-CAM map is resized to the input (half-pixel centres; default `bilinear`). */
  upsample: CamUpsample;
  reduce: ChannelReduce;
}

export const guidedGradCamOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    layer: {
      type: 'string',
      minLength: 1,
      description: 'Layer with a 4-D output [N, h, w, K] for the Grad-CAM factor; found automatically when omitted.',
    },
    score: scoreProperty,
    upsample: {
      enum: [...CAM_UPSAMPLES],
      description: 'How the Grad-CAM map is resized from the feature grid to the input: bilinear or nearest.',
    },
    reduce: reduceProperty,
  },
};

export const guidedGradCamDefaults: GuidedGradCamOptions = { score: 'logit', upsample: 'bilinear', reduce: 'max-abs' };
