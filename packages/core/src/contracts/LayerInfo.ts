import type { LayerKind } from './LayerKind.js';

/** One node of a model's layer graph, as the methods need to see it. */
export interface LayerInfo {
  /**
   * Layer name, unique in the model: the Keras name (`conv5_block3_out`) for TF.js and Keras models on
   * every engine, the tensor name (`/layer4/layer4.1/relu_1/Relu_output_0`) for ONNX files. Layers of a
   * nested model are named `outer/inner`.
   */
  name: string;
  /** The engine's own name for it: the Keras class (`Conv2D`), the TF op (`_FusedConv2D`) or the ONNX op (`Conv`). */
  className: string;
  /** What it does, engine-neutrally. */
  kind: LayerKind;
  /** Output shape including the batch axis, channels-last for image-shaped outputs (null for unknown sizes). */
  outputShape: (number | null)[];
  /** Names of the layers whose outputs feed this one, in order. */
  inbound: string[];
  /** The activation applied inside the layer (`relu`, `relu6`, `linear`, `softmax`, `sigmoid`, `leaky_relu`, …), when it has one. */
  activation?: string;
  /** Number of trainable weights (0 or absent for layers without any). */
  params?: number;
}
