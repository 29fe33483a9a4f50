import type { InputTask } from '@visor/core';

/**
 * One `visor run --queue`: what every worker needs to open the same run. Stored in the queue's metadata
 * and carried by each job. Paths are absolute and must mean the same file on every machine that runs a
 * worker (a shared filesystem mounted at the same path).
 */
export interface QueueRun {
  schema: 'visor/queue-run@1';
  /** Random id of this enqueue; a worker that sees a new id opens the run again (config, plugins, model). */
  id: string;
  /** The YAML config, absolute. */
  config: string;
  /** The output folder when `--out` replaced the config's `out:`, absolute; null for the config's own. */
  out: string | null;
  /** The models of the config and, per model, its output folder and how many inputs it has. */
  models: { name: string | null; out: string; inputs: number }[];
  /** When the run was enqueued (ISO 8601). */
  enqueuedAt: string;
}

/** The data of one job: one input of one model of a run. */
export interface QueueJobData {
  run: QueueRun;
  /** The config's name for the model (`out/<name>/`), or null when the config has a single model. */
  model: string | null;
  /** The input, as the enqueuer listed it: its stem was computed once, over the whole input list. */
  task: InputTask;
}

/** What a worker returns for a job (BullMQ keeps it as the job's return value). */
export interface QueueJobResult {
  /** `failed` when the input itself failed (unreadable, a renderer failed on it): recorded as failed in the manifest. */
  status: 'done' | 'failed';
  path: string;
  message?: string;
  /** Files written for the input. */
  files: number;
}
