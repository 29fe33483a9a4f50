/**
 * A model file read into memory by a ModelFormat, before an engine builds it. `kind` says what
 * `data` is, so an engine can tell whether it understands it:
 * - `tfjs-artifacts`: a TF.js `ModelArtifacts`-shaped object (`modelTopology`, `weightSpecs`,
 *   `weightData`, `format`), as read from model.json + shards or built from a Keras file;
 * - `onnx`: the bytes of an ONNX ModelProto (Uint8Array).
 */
export interface ModelSource {
  /** The file (absolute path) the model was read from. */
  file: string;
  /** The id of the ModelFormat that read it (`tfjs-layers`, `tfjs-graph`, `keras-h5`, `keras`, `onnx`). */
  format: string;
  kind: string;
  data: unknown;
}
