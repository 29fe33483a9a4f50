import type { JsonSchema, ScoreKind, UpsampleMode } from '@visor/core';

/** How the displayed heatmap is scaled (the raw map is always kept as computed). */
export type NormalizeMode = 'minmax' | 'none';

/** Options shared by `cam`, `grad-cam` and `grad-cam++`. */
export interface CamOptions {
  /** The feature layer; when absent it is found from the model's head. */
  layer?: string;
  /** The class score: `logit` (pre-softmax) or `probability` (softmax). */
  score: ScoreKind;
  /** Clip the map at 0 (keep only the evidence for the class). */
  relu: boolean;
  /** How a map is resized from the feature-map grid to the model input size (core's `upsampleMaps`). */
  upsample: UpsampleMode;
  normalize: NormalizeMode;
}

const properties = (scoreText: string, reluText: string): Record<string, unknown> => ({
  layer: {
    type: 'string',
    minLength: 1,
    description: 'Name of the layer whose 4-D output [N, h, w, K] is used; found automatically when omitted.',
  },
  score: { enum: ['logit', 'probability'], description: scoreText },
  relu: { type: 'boolean', description: reluText },
  upsample: {
    enum: ['bilinear', 'nearest', 'none'],
    description:
      'How the heatmap is resized from the feature grid to the model input size: bilinear (half-pixel centres, ' +
      'like OpenCV), nearest, or none (the heatmap stays at the feature-map size).',
  },
  normalize: {
    enum: ['minmax', 'none'],
    description: 'minmax scales the displayed heatmap to [0, 1] (map minimum → 0, maximum → 1); none keeps its values.',
  },
});

/** Options schema of `cam`. */
export const camOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: properties(
    'Which score is reported with each target. The CAM map itself is always on the logit scale ' +
      '(it uses the dense kernel column of the class, without bias).',
    'Clip the map at 0. Off by default: the map of Zhou et al. keeps negative evidence.',
  ),
};

/** Options schema of `grad-cam` and `grad-cam++`. */
export const gradCamOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: properties(
    'The class score that is differentiated: logit (pre-softmax, also for models ending in a softmax) or ' + 'probability (the softmax output).',
    'Apply ReLU to the weighted sum of feature maps, as the papers do (keep only positive evidence).',
  ),
};

export const camDefaults: CamOptions = { score: 'logit', relu: false, upsample: 'bilinear', normalize: 'minmax' };
export const gradCamDefaults: CamOptions = { score: 'logit', relu: true, upsample: 'bilinear', normalize: 'minmax' };
