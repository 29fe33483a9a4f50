/**
 * One entry of a TF.js weights manifest (`tf.io.WeightsManifestEntry`): where a weight's bytes are in
 * the concatenated weight data, in manifest order.
 */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  /** Quantized storage: `value = stored * scale + min` for uint8/uint16; IEEE half floats for float16. */
  quantization?: { dtype: string; scale?: number; min?: number; original_dtype?: string };
}

/**
 * A TF.js `ModelArtifacts`-shaped object: what `tf.io` reads from a model.json and its shards, and what
 * the Keras file readers produce. Declared here so that the converter needs no TensorFlow.js.
 */
export interface TfjsArtifacts {
  /** A layers-model topology (`{class_name, config}` or `{model_config: …}`) or a graph-model `{node: […]}`. */
  modelTopology?: unknown;
  weightSpecs?: TfjsWeightSpec[];
  /** The weight bytes in manifest order, whole or in shards. */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  /** Graph models: the serving signature (`{inputs: {…}, outputs: {…}}`), when the converter wrote one. */
  signature?: unknown;
}
