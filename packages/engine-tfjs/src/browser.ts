// The part of @visor/engine-tfjs that runs in a browser (a page or a Web Worker): the TfjsModel and what
// builds it from TF.js artifacts, the gradient rewrite, Visor's wasm gradient kernels. Not here: the
// engine plugin (its `load` picks a backend with Node's module resolution and its formats read files),
// the Keras readers (h5wasm/node) and the zoo. The page reads model.json + shards itself
// (`parseModelArtifacts`), sets its backend (`tf.setBackend`, after `registerWasmKernels` for wasm) and
// calls `tfjsModelFromSource`. Bundlers pick this file through the `browser` condition of `exports`.
export { tf } from './tf.js';
export { TfjsModel, toNdArray } from './model/TfjsModel.js';
export type { TfjsModelOptions } from './model/TfjsModel.js';
export type { TfjsNet } from './model/TfjsNet.js';
export { wrapLayersModel, wrapGraphModel } from './model/wrapModel.js';
export type { WrapOptions } from './model/layersNet.js';
export { netFromArtifacts } from './model/netFromArtifacts.js';
export { tfjsModelFromSource } from './model/tfjsModelFromSource.js';
export { parseModelArtifacts } from './model/parseModelArtifacts.js';
export type { TfjsFormat, ModelFiles, ShardReader, ShardError } from './model/parseModelArtifacts.js';
export { disposeLayersModel } from './keras/disposeLayersModel.js';
export { withGradientRewrite, tfGradientOps, RELU_KERNELS } from './gradients/withGradientRewrite.js';
export { UNCOVERED_RECTIFIERS } from './gradients/refuseUncoveredRectifiers.js';
export { registerWasmKernels } from './backend/registerWasmKernels.js';
