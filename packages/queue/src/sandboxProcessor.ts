/**
 * The BullMQ sandboxed processor of `visor worker` (run from the built `dist/sandboxProcessor.js` in a
 * worker thread that BullMQ keeps for many jobs). Its `workerData` is a `SandboxInit`. The heavy work runs
 * here, off the worker's main thread, so BullMQ's lock renewals there are never held up by a long input.
 */
import 'reflect-metadata';
import { threadId, workerData } from 'node:worker_threads';
import type { SandboxedJob } from 'bullmq';
import { JobProcessor } from './JobProcessor.js';
import type { QueueJobData, QueueJobResult } from './QueueRun.js';

/** What `startQueueWorker` gives each sandbox thread. */
export interface SandboxInit {
  builtins: string[];
  verbose: boolean;
}

const init = (workerData ?? { builtins: [], verbose: false }) as SandboxInit;
const processor = new JobProcessor({
  builtins: init.builtins,
  hooks: {
    log: (level, message) => {
      if (level === 'verbose' && !init.verbose) return;
      process.stderr.write(`${level === 'warn' ? 'warning: ' : ''}[thread ${threadId}] ${message}\n`);
    },
  },
});

export default function processJob(job: SandboxedJob<QueueJobData, QueueJobResult>): Promise<QueueJobResult> {
  return processor.process(job.data);
}
