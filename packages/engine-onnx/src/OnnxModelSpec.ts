import type { LayerInfo, NdArray } from '@visor/core';
import type { onnx } from 'onnx-proto';
import type { TensorShapes } from './proto/TensorShapes.js';

/** How an image-shaped tensor is laid out in the graph. `flat` for anything that is not 4-D. */
export type TensorLayout = 'NCHW' | 'NHWC' | 'flat';

/** Where a Visor layer's output lives in the ONNX graph. */
export interface TensorBinding {
  /** The graph tensor (a node output or the graph input). */
  tensor: string;
  /** Its layout in the graph; 4-D values are handed to Visor channels-last whatever this is. */
  layout: TensorLayout;
}

/**
 * An ONNX forward graph with what Visor needs to know about it: the meeting point of the two ways a
 * model reaches ONNX Runtime. `describeOnnxModel` builds one from an ONNX file (layers = the graph's
 * tensors); `convertTfjsModel` builds one from a TF.js / Keras model (layers = the Keras layers, their
 * names kept as tensor names). `OnnxModel` runs either.
 */
export interface OnnxModelSpec {
  /** The forward graph: one image input, the model's output among the graph outputs. */
  proto: onnx.IModelProto;
  /** The graph input and its layout; `shape` is Visor's [H, W, C] (null for a free size). */
  input: { name: string; layout: 'NCHW' | 'NHWC'; shape: [number | null, number | null, number] };
  /** The layers in topological order, the input first, shapes channels-last. */
  layers: LayerInfo[];
  /** Layer name → its output tensor in the graph (every entry of `layers`). */
  bindings: Map<string, TensorBinding>;
  /** The tensor of the head's pre-activation [N, K] (the output itself for a linear head). */
  logits: string;
  /** The tensor of the model's output [N, K]. */
  output: string;
  /** The name of the layer producing the output. */
  outputLayer: string;
  /** The output activation: how `probabilities` follow from `logits`. */
  finalActivation: 'softmax' | 'sigmoid' | 'linear';
  /** A layer's weights, Keras-oriented (dense: kernel [in, out], bias [out]; `bias` layers: [bias]). */
  weights(layerName: string): NdArray[];
  /**
   * Type and shape of every node output (batch axis null), in the graph's own layout. Optional:
   * OnnxModel infers them with ONNX Runtime when absent (describeOnnxModel fills them in, having
   * needed them for the layer shapes).
   */
  shapes?: TensorShapes;
}
