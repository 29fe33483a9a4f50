import { VisorError } from '@visor/core';

/** An allocation failure while building a model, as a VisorError that says so (null for any other error). */
export function tooBig(e: unknown, file: string): VisorError | null {
  const msg = String((e as Error)?.message ?? e);
  if (!(e instanceof RangeError) && !/out of memory|allocation failed|Array buffer allocation|Aborted\(OOM\)|memory access out of bounds/i.test(msg))
    return null;
  return new VisorError(`${file}: the model is too big for this page's memory (${msg})`, {
    code: 'model',
    file,
    hint: 'use the CLI (visor explain) for this model, or try the webgl backend',
    cause: e,
  });
}
