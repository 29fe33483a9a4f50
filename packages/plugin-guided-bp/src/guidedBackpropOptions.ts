import type { JsonSchema, ScoreKind } from '@visor/core';
import { RELU_RULES, type ReluRule } from './ReluRule.js';

/** How the [H, W, C] attribution becomes the [H, W] heatmap. */
export type ChannelReduce = 'max-abs' | 'l2';
export const CHANNEL_REDUCES: readonly ChannelReduce[] = ['max-abs', 'l2'];

/** Options of `guided-backprop`. */
export interface GuidedBackpropOptions {
  /** How gradients pass each ReLU (default `guided`). */
  rule: ReluRule;
  /** The differentiated class score (default `logit`). */
  score: ScoreKind;
  /** The heatmap: per-pixel max |g| over channels, or the L2 norm over channels (default `max-abs`). */
  reduce: ChannelReduce;
}

export const ruleProperty = {
  enum: [...RELU_RULES],
  description:
    'How the gradient passes each ReLU, with f its forward input and R the gradient from above: guided ' +
    '[f>0]·[R>0]·R (Springenberg et al.), deconvnet [R>0]·R (Zeiler & Fergus), backprop [f>0]·R (the plain gradient).',
};
export const scoreProperty = {
  enum: ['logit', 'probability'],
  description: 'The class score that is differentiated: logit (pre-softmax) or probability (softmax output).',
};
export const reduceProperty = {
  enum: [...CHANNEL_REDUCES],
  description: 'How the heatmap reduces the channels of each pixel: max-abs (max |g|) or l2 (sqrt Σ g²).',
};

export const guidedBackpropOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { rule: ruleProperty, score: scoreProperty, reduce: reduceProperty },
};

export const guidedBackpropDefaults: GuidedBackpropOptions = { rule: 'guided', score: 'logit', reduce: 'max-abs' };
