import os from 'node:os';
import { VisorError } from '../errors/VisorError.js';

/** `'auto'` → `os.availableParallelism()`; otherwise a positive integer, or a VisorError naming the bad value. */
export function resolveWorkerCount(workers: number | 'auto' | undefined, option = 'workers'): number {
  if (workers === undefined || workers === 'auto') return Math.max(1, os.availableParallelism());
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1) {
    throw new VisorError(`${option}: ${JSON.stringify(workers)} is not a worker count; expected a positive integer or "auto"`, { code: 'usage' });
  }
  return workers;
}
