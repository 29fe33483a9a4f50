import { VisorError } from '@visor/core';

/** The options every queue command takes. */
export interface QueueFlags {
  /** `--queue redis://host:port/db`. */
  queue: string;
  /** `--queue-name`: several independent queues on one Redis database. */
  queueName?: string;
}

/** A positive integer option, or a usage error naming it and the value. */
export function positiveInt(value: number | undefined, option: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new VisorError(`${option}: ${JSON.stringify(value)} is not an integer ≥ ${min}`, { code: 'usage' });
  }
  return value;
}
