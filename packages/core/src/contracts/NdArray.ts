/**
 * A dense float32 array with its shape, row-major: how tensors cross the boundary between an engine
 * and the methods. Explainers, metrics and renderers never see an engine's own tensor type, so one
 * plugin runs on every engine (tfjs, ONNX Runtime, the browser).
 *
 * Image-shaped values are channels-last: a batch is [N, H, W, C] and a feature map [N, h, w, K],
 * whatever layout the engine computes in (an NCHW ONNX model's tensors are transposed at the boundary).
 */
export interface NdArray {
  data: Float32Array;
  shape: number[];
}
