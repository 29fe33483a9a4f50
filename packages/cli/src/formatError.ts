import { isVisorError } from '@visor/core';

/** `visor: <message>` plus the fix, and the cause chain with --verbose. */
export function formatError(error: unknown, verbose: boolean): string {
  const lines: string[] = [];
  if (isVisorError(error)) {
    lines.push(`visor: ${error.message}`);
    if (error.hint) lines.push(`  fix: ${error.hint}`);
  } else {
    lines.push(`visor: ${(error as Error)?.message ?? String(error)}`);
  }
  let cause = (error as Error)?.cause;
  while (cause && verbose) {
    lines.push(`  cause: ${(cause as Error).message ?? String(cause)}`);
    cause = (cause as Error).cause;
  }
  if (verbose && (error as Error)?.stack) lines.push((error as Error).stack!);
  return lines.join('\n');
}
