/** What kind of failure: decides the CLI's exit code (usage/config/model/plugin → 2, input/run → 1). */
export type VisorErrorCode = 'usage' | 'config' | 'plugin' | 'model' | 'input' | 'run' | 'aborted';

export interface VisorErrorDetails {
  code: VisorErrorCode;
  /** The file the error is about (config, model.json, image). */
  file?: string;
  /** How to fix it, in one sentence. */
  hint?: string;
  cause?: unknown;
}

/**
 * An error a user can act on: the message names the file, the key or value, and what is accepted.
 * `toString()`-style formatting is left to the CLI.
 */
export class VisorError extends Error {
  readonly code: VisorErrorCode;
  readonly file?: string;
  readonly hint?: string;

  constructor(message: string, details: VisorErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'VisorError';
    this.code = details.code;
    this.file = details.file;
    this.hint = details.hint;
  }
}

export function isVisorError(e: unknown): e is VisorError {
  return e instanceof Error && (e as { name?: string }).name === 'VisorError' && 'code' in e;
}
