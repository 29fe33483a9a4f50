// The part of @visor/engine-onnx that runs in a browser (a page or a Web Worker), on onnxruntime-web (the `#ort`
// import map picks it under the `browser` condition): the engine, ONNX models, their description, the TF.js
// converter, the backward graphs. Not here: the plugin and `onnxFormat`, which read files. A page reads the bytes
// itself, sets `ort.env.wasm` (where the wasm files are, `numThreads`) before the first model, and calls
// `onnxEngine.load` with `threads`. Bundlers pick this file through the `browser` condition of `exports`.
export { onnxEngine } from './onnxEngine.js';
export { OnnxModel } from './OnnxModel.js';
export type { OnnxModelOptions } from './OnnxModel.js';
export { describeOnnxModel } from './describe/describeOnnxModel.js';
export type { DescribeOptions } from './describe/describeOnnxModel.js';
export type { OnnxModelSpec, TensorBinding, TensorLayout } from './OnnxModelSpec.js';
export type { TensorInfo, TensorShapes } from './proto/TensorShapes.js';
export { buildGradientGraph, BACKWARD_OPSET } from './backward/buildGradientGraph.js';
export type { GradientGraph, GradientGraphOptions } from './backward/buildGradientGraph.js';
export { VJP_RULES } from './backward/vjpRules.js';
export type { VjpRule, VjpContext } from './backward/VjpRule.js';
export { convertTfjsModel } from './convert/convertTfjsModel.js';
export type { TfjsArtifacts } from './convert/TfjsArtifacts.js';
export { ort, runtimeName } from './runtime/ort.js';
