// Public API of @visor/plugin-cam. Only re-exports of its own modules (nothing from core).
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
export { isFeatureMap, isSpatialMap } from './isFeatureMap.js';
export { gradCamMaps } from './gradCamMaps.js';
export type { GradCamMapsOptions, GradCamMapsResult, GradCamVariant } from './gradCamMaps.js';
export { camMaps } from './camMaps.js';
export type { CamMapsResult } from './camMaps.js';
export { normalizeMap } from './normalizeMap.js';
export { camOptionsSchema, gradCamOptionsSchema, camDefaults, gradCamDefaults } from './camOptions.js';
export type { CamOptions, NormalizeMode } from './camOptions.js';
