import type { Predictions } from '../contracts/Predictions.js';

/** One `explain` task for a worker: an explainer (by id, from the worker's plugins) on one batch. */
export interface ExplainPayload {
  /** Explainer id (`cam`, `occlusion`, …), registered by one of the pool's plugins. */
  explainer: string;
  /** Options already validated, defaults applied (as the pipeline passes them to `explain`). */
  options: Record<string, unknown>;
  /** The preprocessed batch [N, H, W, C], row-major. */
  input: Float32Array;
  shape: [number, number, number, number];
  /** Per input of the batch, the classes to explain. */
  targets: number[][];
  /** The shared predictions of the batch (as computed once by the pipeline). */
  predictions: Predictions;
}
