import os from 'node:os';
import { VisorError } from '../errors/VisorError.js';

/**
 * `'auto'` → one worker per `threadsPerModel` cores (`os.availableParallelism()` for single-threaded
 * engines, 1 for an engine that already uses every core); otherwise a positive integer, or a VisorError
 * naming the bad value.
 */
export function resolveWorkerCount(workers: number | 'auto' | undefined, option = 'workers', threadsPerModel = 1): number {
  if (workers === undefined || workers === 'auto') return Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, threadsPerModel)));
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1) {
    throw new VisorError(`${option}: ${JSON.stringify(workers)} is not a worker count; expected a positive integer or "auto"`, { code: 'usage' });
  }
  return workers;
}
