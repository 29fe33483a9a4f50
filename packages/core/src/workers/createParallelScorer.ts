import type { ParallelScorer } from '../contracts/ParallelScorer.js';
import { WorkerPool } from './WorkerPool.js';
import { scorerOver } from './scorerOver.js';
import type { WorkerPoolEvent } from './WorkerPoolEvent.js';

export interface ParallelScorerOptions {
  /** The model.json (or its folder) every worker loads once: the same file as the run's model, for identical scores. */
  modelPath: string;
  /** Backend of the workers; use the run's backend so results are bit-identical to `model.classScores`. Default 'auto'. */
  backend?: string;
  /** Worker threads; `'auto'` (default) = `os.availableParallelism()`. */
  workers?: number | 'auto';
  /** Plugins each worker loads: at least the engine that runs the model (e.g. `@visor/engine-tfjs`). */
  plugins: { spec: string; baseDir: string }[];
  /** The compiled worker entry (see WorkerPoolOptions.workerUrl). */
  workerUrl?: URL;
  onEvent?: (event: WorkerPoolEvent) => void;
}

/** A ParallelScorer backed by a WorkerPool. `close()` must be called when the run ends. */
export interface ClosableParallelScorer extends ParallelScorer {
  /** The backend the workers run. */
  readonly backend: string;
  readonly pool: WorkerPool;
  close(): Promise<void>;
}

/**
 * Starts `workers` threads that each load the model once, and returns a ParallelScorer over them:
 * `classScores(data, n, kind)` scores a batch [n, H, W, C] in whichever worker is free. The batch is
 * copied to the worker (so a batch survives one worker crash) and the [n, K] scores come back
 * transferred. Resolves once every worker is ready; rejects with the first start-up failure (e.g. a
 * bad model path, named).
 */
export async function createParallelScorer(options: ParallelScorerOptions): Promise<ClosableParallelScorer> {
  const pool = await WorkerPool.start({
    init: { modelPath: options.modelPath, backend: options.backend ?? 'auto', plugins: options.plugins },
    workers: options.workers,
    workerUrl: options.workerUrl,
    onEvent: options.onEvent,
  });
  return { ...scorerOver(pool), backend: pool.backend, pool, close: () => pool.close() };
}
