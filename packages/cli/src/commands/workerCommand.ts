import { VisorError } from '@visor/core';
import { checkRedis, parseQueueUrl, RunQueue, startQueueWorker, type QueueWorkerEvent } from '@visor/queue';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';
import { positiveInt, type QueueFlags } from './queueFlags.js';
import type { CommonFlags } from './runPipeline.js';

export interface WorkerFlags extends CommonFlags, QueueFlags {
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
  maxStalled?: number;
  /** Exit once the queue has no unfinished job. */
  exitWhenDrained?: boolean;
}

/**
 * `visor worker --queue redis://…`: processes the queue's jobs until stopped (SIGINT/SIGTERM: the jobs in
 * progress are finished first; a second signal quits at once, and those jobs go back to the queue once their
 * lock expires). Each job is one input of the run `visor run --queue` enqueued: the worker opens that run's
 * config, plugins and model once per thread and writes the input's files and record to the run's output
 * folder, which it must see at the same path as the enqueuer.
 */
export async function workerCommand(flags: WorkerFlags, io: CliIO): Promise<number> {
  const address = parseQueueUrl(flags.queue);
  const concurrency = positiveInt(flags.concurrency, '--concurrency') ?? 1;
  const lockDurationMs = positiveInt(flags.lockDuration, '--lock-duration', 100);
  const stalledIntervalMs = positiveInt(flags.stalledInterval, '--stalled-interval', 100);
  const maxStalled = positiveInt(flags.maxStalled, '--max-stalled', 0);
  if (lockDurationMs !== undefined && stalledIntervalMs !== undefined && stalledIntervalMs > lockDurationMs * 10) {
    throw new VisorError(
      `--stalled-interval ${stalledIntervalMs} is much longer than --lock-duration ${lockDurationMs}: jobs of dead workers would wait long`,
      {
        code: 'usage',
        hint: 'Keep the stalled-check interval at or below the lock duration.',
      },
    );
  }
  await checkRedis(address);
  const tag = `[worker ${process.pid}]`;
  const say = (line: string) => io.stderr.write(`${tag} ${line}\n`);
  const onEvent = (e: QueueWorkerEvent) => {
    switch (e.type) {
      case 'started':
        if (flags.verbose) say(`started ${e.id}${e.path ? ` (${e.path})` : ''}, attempt ${e.attempt}`);
        return;
      case 'completed':
        if (e.result.status === 'failed') say(`input failed ${e.id}: ${e.result.message ?? 'failed'}`);
        else if (!flags.quiet) say(`done ${e.id}: ${e.result.files} file(s)`);
        return;
      case 'failed':
        say(`job ${e.id} failed${e.willRetry ? ' (will be retried)' : ''}: ${e.message}`);
        return;
      case 'stalled':
        say(`job ${e.id}: its worker stopped renewing its lock; put back in the queue`);
        return;
      case 'error':
        say(`warning: ${e.message}`);
    }
  };
  const worker = startQueueWorker({
    address,
    name: flags.queueName,
    concurrency,
    lockDurationMs,
    stalledIntervalMs,
    maxStalled,
    builtins: builtinPlugins.map((p) => p.name),
    verbose: flags.verbose,
    onEvent,
  });
  const queue = flags.exitWhenDrained ? RunQueue.open(address, flags.queueName) : undefined;
  let signals = 0;
  let poll: NodeJS.Timeout | undefined;
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<string>((resolveStop) => {
    onSignal = (signal: NodeJS.Signals) => {
      if (++signals > 1) process.exit(130);
      resolveStop(`${signal}: finishing the job(s) in progress (${signal} again to quit at once)`);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    if (queue) {
      const check = async () => {
        try {
          if (RunQueue.unfinished(await queue.counts()) === 0) return resolveStop('the queue is drained');
        } catch (e) {
          say(`warning: ${(e as Error).message}`);
        }
        poll = setTimeout(() => void check(), 1000);
      };
      poll = setTimeout(() => void check(), 1000);
    }
  });
  try {
    await worker.waitUntilReady();
    if (!flags.quiet) say(`waiting for jobs on ${address.display}${flags.queueName ? ` (queue ${flags.queueName})` : ''}, ${concurrency} at a time`);
    const why = await stopped;
    if (!flags.quiet) say(`stopping: ${why}`);
  } finally {
    clearTimeout(poll);
    await worker.close();
    await queue?.close();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  return 0;
}
