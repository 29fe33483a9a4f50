// Public API of @visor/plugin-cam. Only re-exports.
import { camPlugin } from './camPlugin.js';

export default camPlugin;
export { camPlugin } from './camPlugin.js';
export { cam } from './cam.js';
export { gradCam } from './gradCam.js';
export { gradCamPlusPlus } from './gradCamPlusPlus.js';
export { findCamLayer } from './findCamLayer.js';
export type { CamHead } from './findCamLayer.js';
export { findGradCamLayer } from './findGradCamLayer.js';
export { featureLayer } from './featureLayer.js';
export { sideInputs } from './sideInputs.js';
export { gradCamMaps } from './gradCamMaps.js';
export type { GradCamMapsOptions, GradCamMapsResult, GradCamVariant } from './gradCamMaps.js';
export { camMaps } from './camMaps.js';
export type { CamMapsResult } from './camMaps.js';
export { upsampleMap } from './upsampleMap.js';
export { normalizeMap } from './normalizeMap.js';
export { targetPairs } from './targetPairs.js';
export type { TargetPair } from './targetPairs.js';
export { camOptionsSchema, gradCamOptionsSchema, camDefaults, gradCamDefaults } from './camOptions.js';
export type { CamOptions, UpsampleMode, NormalizeMode } from './camOptions.js';
