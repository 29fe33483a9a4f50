import type { OcclusionOptions } from './OcclusionOptions.js';

/** Defaults of the `occlusion` explainer. */
export const occlusionDefaults: OcclusionOptions = {
  patch: 'auto',
  stride: 'patch',
  fill: 'mean',
  blurRadius: 8,
  output: 'drop',
  score: 'auto',
  batchSize: 16,
  memoryBudgetMB: 1024,
  activationFactor: 'auto',
  preview: true,
};
