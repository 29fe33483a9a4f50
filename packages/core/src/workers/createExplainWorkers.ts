import type { Explanation } from '../contracts/Explanation.js';
import type { ProgressReporter } from '../contracts/ProgressEvent.js';
import type { ExplainPayload } from './ExplainPayload.js';
import { WorkerPool } from './WorkerPool.js';
import type { WorkerPoolEvent } from './WorkerPoolEvent.js';

export interface ExplainWorkersOptions {
  /** The model.json (or folder) each worker loads once. */
  modelPath: string;
  backend?: string;
  /** Worker threads; `'auto'` (default) = `os.availableParallelism()`. */
  workers?: number | 'auto';
  /** Plugins each worker loads once (`loadPlugin(spec, baseDir)`), e.g. the config's `plugins` with its `baseDir`. */
  plugins: { spec: string; baseDir: string }[];
  /** Class labels (index → label) for the explainers' `ctx.label`. */
  labels?: string[];
  workerUrl?: URL;
  onEvent?: (event: WorkerPoolEvent) => void;
}

export interface ExplainTaskOptions {
  /** Name in errors and crash reports, e.g. the input's path. */
  label?: string;
  /** Receives the explainer's progress events from the worker. */
  progress?: ProgressReporter;
  /** Aborts the task: removed if queued, or the worker's ctx.signal is aborted (the explainer throws an AbortError). */
  signal?: AbortSignal;
}

/** Image-level parallelism: whole `explain` calls run in worker threads that hold the model and the plugins. */
export interface ExplainWorkers {
  readonly workers: number;
  readonly backend: string;
  /**
   * Runs `explainer.explain` in a free worker on the batch of the payload (typically ONE input) and
   * returns its Explanations (maps come back transferred; `inputIndex` is relative to the payload's batch).
   */
  explain(payload: ExplainPayload, options?: ExplainTaskOptions): Promise<Explanation[]>;
  close(): Promise<void>;
}

/** Starts the workers (each: backend, model, plugins loaded once) and resolves when all are ready. */
export async function createExplainWorkers(options: ExplainWorkersOptions): Promise<ExplainWorkers> {
  const pool = await WorkerPool.start({
    init: { modelPath: options.modelPath, backend: options.backend ?? 'auto', plugins: options.plugins, labels: options.labels },
    workers: options.workers,
    workerUrl: options.workerUrl,
    onEvent: options.onEvent,
  });
  return {
    workers: pool.size,
    backend: pool.backend,
    explain: (payload, opts = {}) =>
      pool.run<Explanation[]>('explain', payload, {
        label: opts.label ?? `${payload.explainer} on a batch of ${payload.shape[0]}`,
        onProgress: opts.progress,
        signal: opts.signal,
      }),
    close: () => pool.close(),
  };
}
