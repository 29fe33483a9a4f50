import type { ModelSource } from './ModelSource.js';

/**
 * A model file format (TF.js model.json, Keras .h5 / .keras, ONNX): recognises its files and reads
 * them into a ModelSource for an engine. Contributed by plugins (engines ship their formats), bound
 * to `TYPES.ModelFormat`.
 */
export interface ModelFormat {
  /** `tfjs`, `keras-h5`, `keras`, `onnx`, … */
  id: string;
  /** One line for `visor plugins`, e.g. "Keras 2 HDF5 model files (.h5)". */
  description: string;
  /** Whether this format reads the file, from its path and its first bytes (up to 512). */
  detect(file: string, head: Uint8Array): boolean;
  /** Reads the file; a VisorError (code `model`) naming the file and the fix when it cannot. */
  read(file: string): Promise<ModelSource>;
}
