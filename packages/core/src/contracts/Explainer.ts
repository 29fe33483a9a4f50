import type { Explanation } from './Explanation.js';
import type { JsonSchema } from './JsonSchema.js';
import type { NdArray } from './NdArray.js';
import type { ParallelScorer } from './ParallelScorer.js';
import type { Predictions } from './Predictions.js';
import type { ProgressReporter } from './ProgressEvent.js';
import type { VisorModel } from './VisorModel.js';

/** Everything an explainer gets for one batch. */
export interface ExplainContext<O = Record<string, unknown>> {
  model: VisorModel;
  /** The preprocessed batch [N, H, W, C], exactly what the model takes. Owned by the caller: do not change. */
  input: NdArray;
  /** Per input of the batch, the classes to explain, in order (top-k first to last, or as given). */
  targets: number[][];
  /** Scores of the unmodified inputs, computed once and shared by every explainer. */
  predictions: Predictions;
  /** Options validated against `optionsSchema`, with `defaults` applied. */
  options: O;
  /** What runs the model (`onnx`, or the tfjs backend `tensorflow`, `wasm`, `cpu`): `model.engine`. */
  backend: string;
  /** Class label for an index (falls back to the index as text). */
  label(classIndex: number): string;
  progress: ProgressReporter;
  /** Aborts between units of work; an aborted explainer frees its tensors and throws an AbortError. */
  signal: AbortSignal;
  /** Worker threads that can score batches in parallel (absent on a single-threaded run). */
  parallel?: ParallelScorer;
}

/**
 * An explanation method, written against the engine-neutral VisorModel (so it runs on every engine).
 * Contract: `explain` leaves the model's `memory()` as it found it and returns one Explanation per
 * (input, target) pair, ordered by input then target.
 */
export interface Explainer<O = Record<string, unknown>> {
  /** Unique id used in configs (`cam`, `grad-cam`, `occlusion`, …). */
  id: string;
  /** One line for `visor plugins`. */
  description: string;
  /** JSON Schema of the options object (type: object, additionalProperties: false). */
  optionsSchema: JsonSchema;
  defaults: O;
  explain(ctx: ExplainContext<O>): Promise<Explanation[]>;
}
