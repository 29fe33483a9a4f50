import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Explanation, ParallelScorer, ScoreKind } from '@visor/core';
import { tf } from '@visor/engine-tfjs';
import { occlusionExplainer } from './occlusionExplainer.js';
import { batchOf, contextFor, linearModel, type LinearModel } from './linearModel.fixture.js';
import type { OcclusionOptions } from './OcclusionOptions.js';

/**
 * An in-process stand-in for core's worker pool: scores with the same model, but answers after a
 * delay that differs per call, so batches come back OUT of order, and records how many were in flight.
 */
function fakeScorer(lm: LinearModel, workers: number, H: number, W: number, C: number) {
  let inFlight = 0;
  const log = { calls: 0, peak: 0, completed: 0, lateCalls: 0 };
  let abortAfterFirst: AbortController | undefined;
  let failOn: number | undefined;
  const scorer: ParallelScorer = {
    workers,
    async classScores(data: Float32Array, n: number, kind: ScoreKind): Promise<Float32Array> {
      const call = ++log.calls;
      if (abortAfterFirst?.signal.aborted) log.lateCalls++;
      inFlight++;
      log.peak = Math.max(log.peak, inFlight);
      try {
        await new Promise((r) => setTimeout(r, [15, 2, 8, 1, 11][call % 5]));
        if (call === failOn) throw new Error(`scorer failed on call ${call}`);
        const [scores] = await lm.model.run({ data, shape: [n, H, W, C] }, [kind === 'logit' ? 'logits' : 'probabilities']);
        const out = scores!.data;
        log.completed++;
        if (log.completed === 1) abortAfterFirst?.abort(new Error('stop'));
        return out;
      } finally {
        inFlight--;
      }
    },
  };
  return {
    scorer,
    log,
    abortOnFirstResult(c: AbortController) {
      abortAfterFirst = c;
    },
    failOnCall(k: number) {
      failOn = k;
    },
  };
}

const H = 6;
const W = 7;
const C = 2;
const size = H * W * C;
/** Deterministic weights/pixels with plenty of distinct values. */
const seq = (n: number, a: number, b: number) => Array.from({ length: n }, (_, i) => Math.sin(a * i + b));

let lm: LinearModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  lm = linearModel([H, W, C], [seq(size, 0.7, 0.1), seq(size, 1.3, 2), seq(size, 0.37, 4)], [0.25, -0.5, 1]);
});
afterAll(() => lm.dispose());

async function run(options: Partial<OcclusionOptions>, scorer?: ParallelScorer, signal?: AbortSignal, done?: number[]): Promise<Explanation[]> {
  const input = batchOf([H, W, C], [seq(size, 0.9, 0.3), seq(size, 0.21, 1.7)]);
  const ctx = await contextFor(lm, input, [[2, 0], [1]], options, { signal, progress: (e) => done?.push(e.done) });
  return occlusionExplainer.explain(scorer ? { ...ctx, parallel: scorer } : ctx);
}

describe('occlusion with a ParallelScorer (ctx.parallel)', () => {
  // 2×2 patch, stride 1 → 5×6 = 30 windows per input, batches of 4 → 8 batches per input.
  const options: Partial<OcclusionOptions> = { patch: 2, stride: 1, batchSize: 4, fill: 0.5, score: 'probability', preview: true };

  it('gives exactly the single-thread maps, stats and preview, with batches returning out of order', async () => {
    const single = await run(options);
    lm.resetCalls();
    const fake = fakeScorer(lm, 3, H, W, C);
    const before = lm.model.memory();
    const done: number[] = [];
    const parallel = await run(options, fake.scorer, undefined, done);
    expect(lm.model.memory()).toEqual(before);
    expect(parallel).toHaveLength(3);
    expect(parallel).toEqual(single);
    expect(parallel[0]!.raw.shape).toEqual([5, 6]);
    expect(parallel[0]!.stats).toMatchObject({ windows: 30, batches: 8, batchSize: 4 });
    // Every batch went through the scorer (16 = 8 per input), none through ctx.model.
    expect(fake.log.calls).toBe(16);
    expect(lm.calls()).toBe(16); // the fake's own scoring, 1 run per batch
    // Up to `workers` batches in flight, never more (the next batch is generated only when one returns).
    expect(fake.log.peak).toBe(3);
    expect(done.at(-1)).toBe(60);
    expect([...done].sort((a, b) => a - b)).toEqual(done); // progress only grows
  });

  it('with one worker keeps a single batch alive, like the single-thread path', async () => {
    const fake = fakeScorer(lm, 1, H, W, C);
    expect(await run(options, fake.scorer)).toEqual(await run(options));
    expect(fake.log.peak).toBe(1);
  });

  it('aborts: no batch is generated after the signal, the batches in flight are awaited, nothing leaks', async () => {
    const fake = fakeScorer(lm, 2, H, W, C);
    const controller = new AbortController();
    fake.abortOnFirstResult(controller);
    const before = lm.model.memory();
    await expect(run(options, fake.scorer, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.log.lateCalls).toBe(0);
    expect(fake.log.calls).toBe(2); // the two in flight when the first result (and the abort) came
    expect(lm.model.memory()).toEqual(before);
  });

  it("a scorer failure stops generating batches and is the explainer's error", async () => {
    const fake = fakeScorer(lm, 2, H, W, C);
    fake.failOnCall(3);
    const before = lm.model.memory();
    await expect(run(options, fake.scorer)).rejects.toThrow('scorer failed on call 3');
    expect(fake.log.calls).toBeLessThanOrEqual(5);
    expect(lm.model.memory()).toEqual(before);
  });

  it("refuses scores that do not fit the run's model, naming it", async () => {
    const wrong: ParallelScorer = { workers: 2, classScores: async (_d, n) => new Float32Array(n * 7) };
    await expect(run(options, wrong)).rejects.toThrow(
      /got 28 scores for a batch of 4 windows, expected 4×3; the parallel scorer's model must be the run's model \(linear test model\)/,
    );
  });
});
