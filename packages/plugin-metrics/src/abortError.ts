/** The error an aborted metric throws: name `AbortError`, the signal's reason as its cause. */
export function abortError(signal: AbortSignal, what: string): Error {
  const error = new Error(`${what} aborted`, { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
