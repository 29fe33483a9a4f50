import { abortedError } from '../methods/abortedError.js';

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, pulling items LAZILY (an item is taken
 * from the iterable only when a slot frees up, so a generator of big inputs never has more than
 * `limit` alive). Results are in item order. The first failure stops pulling, waits for the calls in
 * flight to settle, and rejects with that failure; an aborted `signal` does the same with an AbortError.
 */
export async function runInWorkers<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`runInWorkers: limit must be an integer ≥ 1, got ${limit}`);
  const results: R[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const iterator = items[Symbol.iterator]();
  for (let index = 0; ; index++) {
    if (failure) break;
    if (signal?.aborted) {
      failure = { error: abortedError('runInWorkers aborted', signal) };
      break;
    }
    const next = iterator.next();
    if (next.done) break;
    const i = index;
    let call: Promise<R>;
    try {
      call = fn(next.value, i);
    } catch (e) {
      call = Promise.reject(e);
    }
    const p: Promise<void> = call.then(
      (r) => {
        results[i] = r;
      },
      (error) => {
        failure ??= { error };
      },
    );
    const tracked: Promise<void> = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  iterator.return?.();
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return results;
}
