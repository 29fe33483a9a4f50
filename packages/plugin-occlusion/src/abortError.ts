/** The error an aborted occlusion run throws: name `AbortError`, the signal's reason as its cause. */
export function abortError(signal: AbortSignal, done: number, total: number): Error {
  const error = new Error(`occlusion aborted after ${done} of ${total} windows`, { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
