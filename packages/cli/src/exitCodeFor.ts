import { isVisorError } from '@visor/core';

/** 0 success; 1 a run that failed (bad input, a method or renderer failing); 2 bad usage, config, plugin or model; 130 interrupted. */
export function exitCodeFor(error: unknown): number {
  if (!isVisorError(error)) return 1;
  switch (error.code) {
    case 'usage':
    case 'config':
    case 'plugin':
    case 'model':
      return 2;
    case 'aborted':
      return 130;
    default:
      return 1;
  }
}
