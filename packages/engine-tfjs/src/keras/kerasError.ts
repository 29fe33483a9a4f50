import { VisorError } from '@visor/core';

/** A VisorError (code `model`) about a Keras file: the message starts with the file. */
export function kerasError(file: string, message: string, hint?: string, cause?: unknown): VisorError {
  return new VisorError(`${file}: ${message}`, { code: 'model', file, hint, cause });
}
