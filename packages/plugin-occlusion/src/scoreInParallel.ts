import type { ParallelScorer, ScoreKind } from '@visor/core';
import type { OccludedBatch } from './occludedBatches.js';

/**
 * Scores lazily generated occluded batches with a ParallelScorer, keeping at most `scorer.workers`
 * batches in flight: the next batch is generated only when one has come back, so at most that many
 * batches are alive at once (the single-thread path keeps one). Calls `onScores` for each batch as it
 * returns (in completion order) with its [B, K] scores. `shouldStop` is checked before generating each
 * batch: when it returns an error (abort), the batches in flight are awaited and that error is thrown;
 * the first scoring failure stops generation the same way.
 */
export async function scoreInParallel(
  batches: Iterable<OccludedBatch>,
  scorer: ParallelScorer,
  kind: ScoreKind,
  onBatch: (batch: OccludedBatch) => void,
  onScores: (batch: OccludedBatch, scores: Float32Array) => void,
  shouldStop: () => Error | undefined,
): Promise<void> {
  const limit = Math.max(1, Math.floor(scorer.workers));
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const iterator = batches[Symbol.iterator]();
  try {
    for (;;) {
      if (failure) break;
      const stop = shouldStop();
      if (stop) {
        failure = { error: stop };
        break;
      }
      const next = iterator.next();
      if (next.done) break;
      const batch = next.value;
      onBatch(batch); // before scoring: the scorer may take (transfer) the batch's data
      const scored: Promise<void> = scorer.classScores(batch.data, batch.windows.length, kind).then(
        (scores) => {
          if (!failure) onScores(batch, scores);
        },
        (error) => {
          failure ??= { error };
        },
      );
      const tracked: Promise<void> = scored.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
  } finally {
    await Promise.all(inFlight);
    iterator.return?.();
  }
  if (failure) throw failure.error;
}
