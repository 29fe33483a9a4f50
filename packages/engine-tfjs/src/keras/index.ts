// Keras model files (.h5, .keras) read into TF.js ModelArtifacts. Only re-exports.
export { readKerasFile } from './readKerasFile.js';
export type { KerasModelSource } from './readKerasFile.js';
export { kerasFormat, kerasH5Format } from './kerasFormats.js';
export type { KerasModelFormat } from './kerasFormats.js';
export { translateConfig } from './translateConfig.js';
export type { TranslatedModel, LayerNode, TranslateContext } from './translateConfig.js';
export { LAYER_RULES, REFUSED } from './layerRules.js';
export { disposeLayersModel } from './disposeLayersModel.js';
