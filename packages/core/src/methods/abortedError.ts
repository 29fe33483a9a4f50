/**
 * The error a method, metric or worker task throws when its AbortSignal fires: an Error named `AbortError`
 * (what the pipeline and the worker pool recognise as an abort), `message` saying what stopped and how far it
 * got, and the signal's reason as its cause. (The pipeline's own `abortError()` is the VisorError of an
 * interrupted run, which the CLI turns into exit status 130.)
 */
export function abortedError(message: string, signal?: AbortSignal): Error {
  const error = new Error(message, signal ? { cause: signal.reason } : undefined);
  error.name = 'AbortError';
  return error;
}
