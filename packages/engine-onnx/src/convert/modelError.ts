import { VisorError } from '@visor/core';

/** A conversion failure the user can act on: code `model`, the message starting with the file. */
export function modelError(file: string, message: string, hint?: string, cause?: unknown): VisorError {
  return new VisorError(`${file}: ${message}`, { code: 'model', file, hint, cause });
}
