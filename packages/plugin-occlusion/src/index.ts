// Public API of @visor/plugin-occlusion. Only re-exports of its own modules (the memory budget, budgetedBatchSize and
// activationFactorFor, lives in @visor/core).
export { occlusionPlugin as default, occlusionPlugin } from './occlusionPlugin.js';
export { occlusionExplainer, PATCH_PREVIEW_MAX } from './occlusionExplainer.js';
export type { OcclusionOptions } from './OcclusionOptions.js';
export { occlusionDefaults } from './occlusionDefaults.js';
export { occlusionOptionsSchema } from './occlusionOptionsSchema.js';
export { resolveOcclusionOptions } from './resolveOcclusionOptions.js';
export type { ResolvedOcclusionOptions } from './resolveOcclusionOptions.js';
export { windowStarts } from './windowStarts.js';
export { occlusionGrid } from './occlusionGrid.js';
export type { OcclusionGrid, OcclusionWindow } from './occlusionGrid.js';
export { coverageAverage } from './coverageAverage.js';
export { occludedBatches } from './occludedBatches.js';
export type { OccludedBatch } from './occludedBatches.js';
export { fillImage } from './fillImage.js';
export type { ResolvedFill } from './fillImage.js';
export { boxBlur } from './boxBlur.js';
