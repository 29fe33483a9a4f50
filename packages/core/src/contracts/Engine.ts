import type { ModelSource } from './ModelSource.js';
import type { VisorModel } from './VisorModel.js';

export interface EngineLoadOptions {
  /** The backend the config asked for: `auto` or one of this engine's `backends`. */
  backend: string;
  /** Threads the engine may use (ONNX Runtime intra-op threads); default: the machine's cores. */
  threads?: number;
  /** Spatial size [height, width] for models whose input size is not fixed in the file. */
  inputSize?: [number, number];
}

/**
 * Something that runs models: ONNX Runtime, TensorFlow.js. Contributed by plugins, bound to
 * `TYPES.Engine`. Under `backend: auto` the engines are tried by `priority` (lowest first) and the
 * first that accepts and loads the model runs it; the run report says which and why the others did
 * not. A named backend goes to the engine that lists it.
 */
export interface Engine {
  /** `onnx`, `tfjs`, … */
  id: string;
  description: string;
  /** The names `backend:` accepts for this engine (`onnx`; `tensorflow`, `wasm`, `cpu`). */
  backends: string[];
  /** Order under `backend: auto`, lowest first. */
  priority: number;
  /** Whether the engine can take this kind of source at all (ModelSource.kind). */
  accepts(source: ModelSource): boolean;
  /**
   * Builds the model. A VisorError naming the file and what is missing when it cannot (an op or
   * layer without a mapping, a missing optional package); `auto` then tries the next engine.
   */
  load(source: ModelSource, options: EngineLoadOptions): Promise<VisorModel>;
}
