import { VisorError } from '@visor/core';
import { RunQueue, type JobCounts } from './RunQueue.js';

/**
 * Polls the queue until no job is left unfinished (every job completed or failed for good), reporting the
 * counts after each poll. Rejects with a VisorError `aborted` when `signal` fires (the jobs stay queued), and
 * with a VisorError `run` naming the URL when Redis goes away (the queue's connection gives up after a few
 * seconds of reconnecting).
 */
export async function waitForDrain(
  queue: RunQueue,
  options: { intervalMs?: number; signal?: AbortSignal; onCounts?: (c: JobCounts) => void } = {},
): Promise<JobCounts> {
  const interval = options.intervalMs ?? 500;
  for (;;) {
    if (options.signal?.aborted) throw new VisorError('stopped waiting for the queue', { code: 'aborted' });
    let counts: JobCounts;
    try {
      counts = await queue.counts();
    } catch (e) {
      throw new VisorError(`lost the queue at ${queue.address.display} while waiting: ${(e as Error)?.message ?? String(e)}`, {
        code: 'run',
        cause: e,
        hint: 'Jobs Redis keeps stay queued and workers go on once it is back; then visor run --queue … --resume joins them (or visor summarize writes the summary).',
      });
    }
    options.onCounts?.(counts);
    if (RunQueue.unfinished(counts) === 0) return counts;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, interval);
      function done() {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', done);
        resolve();
      }
      options.signal?.addEventListener('abort', done, { once: true });
    });
  }
}
