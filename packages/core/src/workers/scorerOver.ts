import type { ParallelScorer } from '../contracts/ParallelScorer.js';
import type { ScoreKind } from '../contracts/ScoreKind.js';
import type { WorkerPool } from './WorkerPool.js';

let batchCount = 0;

/**
 * A ParallelScorer over a started pool: `classScores(data, n, kind)` scores a batch [n, H, W, C] in whichever
 * worker is free (the batch is copied, so it survives one worker crash; the [n, K] scores come back transferred).
 * `signal` removes queued batches, or aborts running ones, when the run is stopped.
 */
export function scorerOver(pool: WorkerPool, signal?: AbortSignal): ParallelScorer {
  return {
    workers: pool.size,
    classScores(data: Float32Array, n: number, kind: ScoreKind): Promise<Float32Array> {
      return pool.run<Float32Array>('score', { data, n, kind }, { label: `score batch #${++batchCount} (${n} inputs)`, signal });
    },
  };
}
