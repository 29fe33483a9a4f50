// Public API of @visor/engine-onnx. Only re-exports.
export { default } from './plugin.js';
export { onnxEngine } from './onnxEngine.js';
export { onnxFormat, looksLikeOnnx } from './onnxFormat.js';
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
