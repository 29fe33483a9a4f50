import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VisorError } from '@visor/core';
import { Worker, type Job } from 'bullmq';
import type { QueueAddress } from './queueAddress.js';
import type { QueueJobData, QueueJobResult } from './QueueRun.js';
import { DEFAULT_QUEUE_NAME } from './RunQueue.js';
import type { SandboxInit } from './sandboxProcessor.js';

export interface QueueWorkerOptions {
  address: QueueAddress;
  name?: string;
  /** Jobs processed at once, each in its own thread with its own copy of the model; default 1. */
  concurrency?: number;
  /**
   * How long a job stays locked to this worker without a renewal (ms; renewed every half of it while the job
   * runs). A worker killed mid-job holds its job this long before another worker may take it. Default 30000.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (ms). Default 30000. */
  stalledIntervalMs?: number;
  /** How many times a job whose worker died is put back in the queue before it fails; default 1. */
  maxStalled?: number;
  /** The first-party plugins by package name (see JobProcessorOptions.builtins). */
  builtins: string[];
  verbose?: boolean;
  onEvent?: (event: QueueWorkerEvent) => void;
  /** The compiled sandbox entry; default `sandboxProcessor.js` beside this module (the built package). */
  processorUrl?: URL;
}

export type QueueWorkerEvent =
  | { type: 'started'; id: string; path?: string; attempt: number }
  | { type: 'completed'; id: string; result: QueueJobResult }
  | { type: 'failed'; id: string; path?: string; message: string; willRetry: boolean }
  | { type: 'stalled'; id: string }
  | { type: 'error'; message: string };

const DEFAULT_PROCESSOR = new URL('./sandboxProcessor.js', import.meta.url);

/**
 * A BullMQ worker on the run queue. Each job runs in a sandbox thread (BullMQ's sandboxed processor on
 * worker_threads, kept between jobs, so the model loads once per thread), at most `concurrency` at once.
 * A job that throws is retried with back-off up to its attempts; a job whose worker died (killed, machine
 * lost) is found by another worker's stalled check once its lock expires and put back in the queue.
 */
export function startQueueWorker(o: QueueWorkerOptions): Worker<QueueJobData, QueueJobResult> {
  const url = o.processorUrl ?? DEFAULT_PROCESSOR;
  if (!existsSync(fileURLToPath(url))) {
    throw new VisorError(
      `queue worker: the job processor ${fileURLToPath(url)} does not exist; it runs compiled JavaScript: build @visor/queue first (npm run build)`,
      {
        code: 'run',
      },
    );
  }
  const init: SandboxInit = { builtins: o.builtins, verbose: Boolean(o.verbose) };
  const worker = new Worker<QueueJobData, QueueJobResult>(o.name ?? DEFAULT_QUEUE_NAME, url, {
    connection: { ...o.address.redis, maxRetriesPerRequest: null },
    concurrency: o.concurrency ?? 1,
    lockDuration: o.lockDurationMs ?? 30_000,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
    maxStalledCount: o.maxStalled ?? 1,
    useWorkerThreads: true,
    workerThreadsOptions: { workerData: init },
  });
  const emit = (e: QueueWorkerEvent) => o.onEvent?.(e);
  const pathOf = (job: Job<QueueJobData>) => (typeof job.data?.task?.path === 'string' ? { path: job.data.task.path } : {});
  worker.on('active', (job) => emit({ type: 'started', id: String(job.id), ...pathOf(job), attempt: job.attemptsStarted }));
  worker.on('completed', (job, result) => emit({ type: 'completed', id: String(job.id), result }));
  worker.on('failed', (job, error) => {
    if (!job) return emit({ type: 'error', message: error.message });
    const willRetry = error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
    emit({ type: 'failed', id: String(job.id), ...pathOf(job), message: error.message, willRetry });
  });
  worker.on('stalled', (id) => emit({ type: 'stalled', id: String(id) }));
  worker.on('error', (error) => emit({ type: 'error', message: error.message }));
  return worker;
}
