/** One node of a model's layer graph, as the explainers need to see it. */
export interface LayerInfo {
  /** Layer name, unique in the model (Keras naming, e.g. `conv5_block3_out`). */
  name: string;
  /** tfjs-layers class name (`Conv2D`, `GlobalAveragePooling2D`, …) or the op for graph models. */
  className: string;
  /** Output shape including the batch axis (null for unknown sizes). */
  outputShape: (number | null)[];
  /** Names of the layers whose outputs feed this one, in order. */
  inbound: string[];
  /** The activation applied inside the layer (`relu`, `linear`, `softmax`, …), when it has one. */
  activation?: string;
}
