import { Queue, type Job } from 'bullmq';
import type { QueueAddress } from './queueAddress.js';
import type { QueueJobData, QueueJobResult, QueueRun } from './QueueRun.js';

/** The queue's name when none is given (`--queue-name`). */
export const DEFAULT_QUEUE_NAME = 'visor';

/** The field of BullMQ's `<prefix>:<queue>:meta` hash that holds the run (removed with the queue by `clear`). */
const RUN_FIELD = 'visor:run';

/** How many jobs are in each state. */
export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  'waiting-children': number;
  completed: number;
  failed: number;
}

/** A job that failed for good (after its attempts, or at once when malformed), with BullMQ's reason. */
export interface FailedJob {
  id: string;
  /** The input's path when the job's data has one. */
  path?: string;
  message: string;
  attempts: number;
}

export interface EnqueueOptions {
  /** Tries per job (the first run included) when processing throws; default 3. */
  attempts?: number;
  /** Delay before the first retry in ms, doubled each time; default 1000. */
  backoffMs?: number;
  /** Remove a completed or failed job of the same id first, so the input is processed again (resume). */
  replaceFinished?: boolean;
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * One BullMQ queue of Visor jobs (one job per input) and the run they belong to (kept in the queue's
 * metadata). Connections give up after a few seconds without Redis instead of retrying for ever.
 */
export class RunQueue {
  readonly queue: Queue<QueueJobData, QueueJobResult>;
  private lastError?: Error;

  private constructor(
    readonly address: QueueAddress,
    readonly name: string,
  ) {
    this.queue = new Queue<QueueJobData, QueueJobResult>(name, {
      connection: {
        ...address.redis,
        maxRetriesPerRequest: 2,
        retryStrategy: (times: number) => (times > 10 ? null : Math.min(times * 200, 1000)),
      },
    });
    // Without a listener an 'error' event would throw; the errors also reach the callers' promises.
    this.queue.on('error', (e: Error) => {
      this.lastError = e;
    });
  }

  static open(address: QueueAddress, name = DEFAULT_QUEUE_NAME): RunQueue {
    return new RunQueue(address, name);
  }

  /** Jobs not finished yet (waiting — also while the queue is paused —, active, delayed, prioritized, waiting for children). */
  static unfinished(c: JobCounts): number {
    return c.waiting + c.active + c.delayed + c.prioritized + c['waiting-children'];
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts(...STATES);
    return Object.fromEntries(STATES.map((s) => [s, c[s] ?? 0])) as unknown as JobCounts;
  }

  async readRun(): Promise<QueueRun | null> {
    const client = await this.queue.backend.client;
    const text = await client.hget(this.queue.keys.meta!, RUN_FIELD);
    if (!text) return null;
    try {
      const run = JSON.parse(text) as QueueRun;
      return run?.schema === 'visor/queue-run@1' ? run : null;
    } catch {
      return null;
    }
  }

  async writeRun(run: QueueRun): Promise<void> {
    const client = await this.queue.backend.client;
    await client.hset(this.queue.keys.meta!, { [RUN_FIELD]: JSON.stringify(run) });
  }

  /** Removes every job and the run; refused while a job is active unless `force`. */
  async clear(force = false): Promise<void> {
    await this.queue.obliterate({ force });
  }

  /**
   * Adds one job per input. With `replaceFinished`, a job of the same id that is still waiting or running is
   * left as it is (not counted), and a finished one is removed first so the input is processed again; without
   * it the ids are expected to be new. Returns how many jobs were added.
   */
  async add(jobs: { id: string; data: QueueJobData }[], options: EnqueueOptions = {}): Promise<number> {
    const opts = {
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    };
    let added = 0;
    const chunk = 500;
    for (let start = 0; start < jobs.length; start += chunk) {
      const fresh: { id: string; data: QueueJobData }[] = [];
      for (const job of jobs.slice(start, start + chunk)) {
        const existing = options.replaceFinished ? await this.queue.getJob(job.id) : undefined;
        if (existing) {
          const state = await existing.getState();
          if (state !== 'completed' && state !== 'failed') continue;
          await existing.remove();
        }
        fresh.push(job);
      }
      await this.queue.addBulk(fresh.map((j) => ({ name: 'explain', data: j.data, opts: { ...opts, jobId: j.id } })));
      added += fresh.length;
    }
    return added;
  }

  /** Jobs that failed for good, newest first (at most `limit`). */
  async failures(limit = 100): Promise<FailedJob[]> {
    const jobs = (await this.queue.getFailed(0, limit - 1)) as Job<QueueJobData, QueueJobResult>[];
    return jobs
      .filter((j): j is Job<QueueJobData, QueueJobResult> => Boolean(j))
      .map((j) => ({
        id: String(j.id),
        ...(typeof j.data?.task?.path === 'string' ? { path: j.data.task.path } : {}),
        message: j.failedReason || 'failed without a reason',
        attempts: j.attemptsMade,
      }));
  }

  /** The last connection error, to name the cause when a call fails. */
  get connectionError(): Error | undefined {
    return this.lastError;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
