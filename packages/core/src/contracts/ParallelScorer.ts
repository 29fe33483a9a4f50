import type { ScoreKind } from './ScoreKind.js';

/**
 * Present in an ExplainContext when the run has worker threads: copies of the model, loaded once per worker,
 * score batches in parallel. Methods that run many independent forward passes (occlusion) keep up to
 * `workers` batches in flight. Results are bit-identical to `model.classScores` on the same backend.
 */
export interface ParallelScorer {
  readonly workers: number;
  /** Class scores of a batch: `data` is [n, H, W, C] row-major (model input space); returns [n, K] row-major. */
  classScores(data: Float32Array, n: number, kind: ScoreKind): Promise<Float32Array>;
}
