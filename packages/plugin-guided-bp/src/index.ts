// Public API of @visor/plugin-guided-bp. Only re-exports.
import { guidedBpPlugin } from './guidedBpPlugin.js';

export default guidedBpPlugin;
export { guidedBpPlugin } from './guidedBpPlugin.js';
export { guidedBackprop } from './guidedBackprop.js';
export { guidedGradCam } from './guidedGradCam.js';
export type { ReluRule } from './ReluRule.js';
export { RELU_RULES } from './ReluRule.js';
export { reluRuleGradient } from './reluRuleGradient.js';
export { RELU_REWRITES, rewriteForRule } from './reluRewrites.js';
export { attributionMaps } from './attributionMaps.js';
export type { AttributionMaps } from './attributionMaps.js';
export { guidedGradCamProduct } from './guidedGradCamProduct.js';
export { guidedBackpropOptionsSchema, guidedBackpropDefaults, CHANNEL_REDUCES } from './guidedBackpropOptions.js';
export type { GuidedBackpropOptions, ChannelReduce } from './guidedBackpropOptions.js';
export { guidedGradCamOptionsSchema, guidedGradCamDefaults, CAM_UPSAMPLES } from './guidedGradCamOptions.js';
export type { GuidedGradCamOptions, CamUpsample } from './guidedGradCamOptions.js';
