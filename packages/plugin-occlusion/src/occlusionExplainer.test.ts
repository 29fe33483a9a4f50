import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOptions, type Explanation, type NdArray, type ProgressEvent } from '@visor/core';
import { explainContext, functionModel } from '@visor/core/testing';
import { tf } from '@visor/engine-tfjs';
import { occlusionExplainer } from './occlusionExplainer.js';
import { batchOf, contextFor, linearModel, type LinearModel } from './linearModel.fixture.js';
import type { OcclusionOptions } from './OcclusionOptions.js';

const ones = (n: number) => new Array(n).fill(1);
const range1 = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function explain(
  lm: LinearModel,
  shape: [number, number, number],
  images: number[][],
  targets: number[][],
  options: Partial<OcclusionOptions>,
): Promise<Explanation[]> {
  return occlusionExplainer.explain(await contextFor(lm, batchOf(shape, images), targets, options));
}

const closeAll = (actual: Float32Array, expected: number[], digits = 4) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i], `index ${i}`).toBeCloseTo(v, digits));
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('occlusion on a linear model (exact, hand-computed)', () => {
  const models: LinearModel[] = [];
  const model = (...args: Parameters<typeof linearModel>) => {
    const m = linearModel(...args);
    models.push(m);
    return m;
  };
  afterAll(() => Promise.all(models.map((m) => m.dispose())));

  it('non-overlapping 2×2 windows, fill 0, two classes from one set of passes', async () => {
    // image 2×4: 1 2 3 4 / 5 6 7 8. class 0 sums all pixels (+0.5), class 1 = 1·x(0,0) + 2·x(1,3) − 1.
    const lm = model([2, 4, 1], [ones(8), [1, 0, 0, 0, 0, 0, 0, 2]], [0.5, -1]);
    const out = await explain(lm, [2, 4, 1], [range1(8)], [[0, 1]], { patch: 2, fill: 0, score: 'logit', output: 'drop' });
    expect(out).toHaveLength(2);
    const [c0, c1] = out;
    // baselines: 36 + 0.5 and 1 + 16 − 1
    expect(c0!.stats?.baselineScore).toBeCloseTo(36.5, 4);
    expect(c1!.stats?.baselineScore).toBeCloseTo(16, 4);
    expect(c0!.target).toMatchObject({ classIndex: 0, scoreKind: 'logit' });
    // window (0,0) hides 1+2+5+6 = 14, window (0,1) hides 3+4+7+8 = 22
    expect(c0!.raw.shape).toEqual([1, 2]);
    closeAll(c0!.raw.data, [14, 22]);
    expect(c0!.heatmap.shape).toEqual([2, 4]);
    closeAll(c0!.heatmap.data, [14, 14, 22, 22, 14, 14, 22, 22]);
    // class 1 loses 1·1 in window 0 and 2·8 in window 1
    closeAll(c1!.raw.data, [1, 16]);
    expect(c0!.raw.signed).toBe(true);
    expect(c0!.stats).toMatchObject({ windows: 2, gridRows: 1, gridCols: 2 });
    expect(lm.calls()).toBe(1); // 2 windows in one batch of 16, for both classes
  });

  it("output 'probability' maps the occluded score itself (low = important)", async () => {
    const lm = model([2, 4, 1], [ones(8)], [0.5]);
    const [e] = await explain(lm, [2, 4, 1], [range1(8)], [[0]], { patch: 2, fill: 0, score: 'logit', output: 'probability' });
    closeAll(e!.raw.data, [36.5 - 14, 36.5 - 22]);
    closeAll(e!.heatmap.data, [22.5, 22.5, 14.5, 14.5, 22.5, 22.5, 14.5, 14.5]);
    expect(e!.raw.signed).toBe(false);
    expect(e!.raw.meaning).toMatch(/logit of 'class 0' with the 2×2 window/);
  });

  it('rectangular patch with clipped right/bottom windows, fill 1 (3×5 input, patch [2, 3])', async () => {
    // image 3×5 = 1..15; windows rows [0,2) [2,3), cols [0,3) [3,5); drop = Σ (x − 1) over the window
    const lm = model([3, 5, 1], [ones(15)]);
    const [e] = await explain(lm, [3, 5, 1], [range1(15)], [[0]], { patch: [2, 3], fill: 1, score: 'logit' });
    expect(e!.raw.shape).toEqual([2, 2]);
    // (1+2+3+6+7+8) − 6 = 21; (4+5+9+10) − 4 = 24; (11+12+13) − 3 = 33; (14+15) − 2 = 27
    closeAll(e!.raw.data, [21, 24, 33, 27]);
    closeAll(e!.heatmap.data, [21, 21, 21, 24, 24, 21, 21, 21, 24, 24, 33, 33, 33, 27, 27]);
    expect(e!.options).toMatchObject({ patch: [2, 3], stride: [2, 3], fill: 1 });
  });

  it('overlapping windows (stride 1) average the drops of every window covering a pixel', async () => {
    // image 3×3 = 1..9, patch 2, stride 1: window sums 12, 16, 24, 28
    const lm = model([3, 3, 1], [ones(9)]);
    const [e] = await explain(lm, [3, 3, 1], [range1(9)], [[0]], { patch: 2, stride: 1, fill: 0, score: 'logit' });
    closeAll(e!.raw.data, [12, 16, 24, 28]);
    // corners: one window; edge middles: two ((12+16)/2 = 14, …); centre: all four (80/4 = 20)
    closeAll(e!.heatmap.data, [12, 14, 16, 18, 20, 22, 24, 26, 28]);
  });

  it('overlapping AND clipped: 1×6, patch [1, 3], stride [1, 2]', async () => {
    // windows [0,3) [2,5) [4,6) hide 1+2+3 = 6, 3+4+5 = 12, 5+6 = 11
    const lm = model([1, 6, 1], [ones(6)]);
    const [e] = await explain(lm, [1, 6, 1], [range1(6)], [[0]], { patch: [1, 3], stride: [1, 2], fill: 0, score: 'logit' });
    closeAll(e!.raw.data, [6, 12, 11]);
    closeAll(e!.heatmap.data, [6, 6, 9, 12, 11.5, 11]);
  });

  it('per-channel fill array and the image mean, 2×2×2 input, patch 1', async () => {
    // channel 0 = 1, 2, 3, 4 (weight 1); channel 1 = 10, 20, 30, 40 (weight 0.1)
    const lm = model([2, 2, 2], [[1, 0.1, 1, 0.1, 1, 0.1, 1, 0.1]]);
    const img = [1, 10, 2, 20, 3, 30, 4, 40];
    // fill [0.5, 5]: drop = (c0 − 0.5) + 0.1·(c1 − 5) = c0 + 0.1·c1 − 1 → 1, 3, 5, 7
    const [a] = await explain(lm, [2, 2, 2], [img], [[0]], { patch: 1, fill: [0.5, 5], score: 'logit' });
    closeAll(a!.raw.data, [1, 3, 5, 7]);
    // mean fill [2.5, 25]: drop = c0 + 0.1·c1 − 5 → −3, −1, 1, 3 (negative: hiding the pixel RAISES the score)
    const [m] = await explain(lm, [2, 2, 2], [img], [[0]], { patch: 1, fill: 'mean', score: 'logit' });
    closeAll(m!.raw.data, [-3, -1, 1, 3]);
    expect(m!.raw.range[0]).toBeCloseTo(-3, 4);
  });

  it("fill 'blur' replaces the window by a box-blurred copy (1×4, r = 1)", async () => {
    // image 0 4 8 0 → blurred 2 4 4 4; drop per pixel = x − blur = −2, 0, 4, −4
    const lm = model([1, 4, 1], [ones(4)]);
    const [e] = await explain(lm, [1, 4, 1], [[0, 4, 8, 0]], [[0]], { patch: 1, fill: 'blur', blurRadius: 1, score: 'logit' });
    closeAll(e!.raw.data, [-2, 0, 4, -4]);
  });

  it("score 'probability' maps the softmax output (default)", async () => {
    // logits [x0 + x1, 2] on image [1, 1] → baseline p0 = 1/2; hiding one pixel → logits [1, 2] → p0 = 1/(1+e)
    const lm = model(
      [1, 2, 1],
      [
        [1, 1],
        [0, 0],
      ],
      [0, 2],
    );
    const [e] = await explain(lm, [1, 2, 1], [[1, 1]], [[0]], { patch: 1, fill: 0 });
    expect(e!.target.scoreKind).toBe('probability');
    expect(e!.stats?.baselineScore).toBeCloseTo(0.5, 5);
    const dropped = 0.5 - 1 / (1 + Math.E);
    closeAll(e!.raw.data, [dropped, dropped], 5);
  });

  it("score 'auto' (the default) maps the logit of a linear (regression) head, which has no probabilities", async () => {
    // one output = 3·x0 − x1 on a 1×2×1 input [2, 5]: baseline 1; hiding x0 → −5 (drop 6), hiding x1 → 6 (drop −5)
    const regression = functionModel({ inputShape: [1, 2, 1], numClasses: 1, finalActivation: 'linear', logits: (x) => [3 * x[0]! - x[1]!] });
    const input = { data: Float32Array.of(2, 5), shape: [1, 1, 2, 1] };
    const ctx = await explainContext(regression, input, { targets: [[0]], options: validateOptions(occlusionExplainer, { patch: 1, fill: 0 }) });
    const [e] = await occlusionExplainer.explain(ctx);
    expect(e!.target.scoreKind).toBe('logit');
    expect(e!.options.score).toBe('logit');
    expect(e!.stats?.baselineScore).toBe(1);
    expect(Array.from(e!.raw.data)).toEqual([6, -5]);
  });

  it('non-square input with 5 channels (.npy-style), patch 1: drop = Σ_c x', async () => {
    // 2×3×5, every channel of pixel p holds p + 1 → drop = 5·(p + 1)
    const img = range1(6).flatMap((v) => new Array(5).fill(v));
    const lm = model([2, 3, 5], [ones(30)]);
    const [e] = await explain(lm, [2, 3, 5], [img], [[0]], { patch: 1, fill: 0, score: 'logit' });
    expect(e!.raw.shape).toEqual([2, 3]);
    expect(e!.heatmap.shape).toEqual([2, 3]);
    closeAll(e!.raw.data, [5, 10, 15, 20, 25, 30]);
  });

  it('is identical for batch sizes 1, 3 and all windows; batches = ceil(windows / batch)', async () => {
    const lm = model([3, 3, 1], [ones(9), range1(9)]);
    const runs: Explanation[][] = [];
    for (const batchSize of [1, 3, 4]) {
      lm.resetCalls();
      runs.push(await explain(lm, [3, 3, 1], [range1(9)], [[0, 1]], { patch: 2, stride: 1, fill: 0, score: 'logit', batchSize }));
    }
    expect(runs.map((r) => r[0]!.stats?.batches)).toEqual([4, 2, 1]);
    for (const r of runs.slice(1)) {
      for (let t = 0; t < 2; t++) {
        expect(Array.from(r[t]!.raw.data)).toEqual(Array.from(runs[0]![t]!.raw.data));
        expect(Array.from(r[t]!.heatmap.data)).toEqual(Array.from(runs[0]![t]!.heatmap.data));
      }
    }
    // class 1 weights 1..9: window (0,0) hides 1·1 + 2·2 + 4·4 + 5·5 = 46
    expect(runs[0]![1]!.raw.data[0]).toBeCloseTo(46, 4);
  });

  it('serves every class from ONE set of forward passes (top-3 costs the same as top-1)', async () => {
    const lm = model([3, 3, 1], [ones(9), range1(9), range1(9).reverse()]);
    const one = await explain(lm, [3, 3, 1], [range1(9)], [[0]], { patch: 1, fill: 0, score: 'logit', batchSize: 4 });
    const callsOne = lm.calls();
    const three = await explain(lm, [3, 3, 1], [range1(9)], [[2, 0, 1]], { patch: 1, fill: 0, score: 'logit', batchSize: 4 });
    expect(callsOne).toBe(3); // 9 windows / 4 per batch
    expect(lm.calls()).toBe(3);
    expect(three.map((e) => e.target.classIndex)).toEqual([2, 0, 1]);
    expect(Array.from(three[1]!.raw.data)).toEqual(Array.from(one[0]!.raw.data));
    // class 2 weights 9..1: pixel p (value p+1) loses (9 − p)·(p + 1)
    closeAll(three[0]!.raw.data, [9, 16, 21, 24, 25, 24, 21, 16, 9]);
  });

  it('caps the batch by memoryBudgetMB', async () => {
    // 3·3·1·4 bytes × factor 2^20/36 ≈ 1 MB per copy → a 2 MB budget fits 2 copies
    const lm = model([3, 3, 1], [ones(9)]);
    const [e] = await explain(lm, [3, 3, 1], [range1(9)], [[0]], {
      patch: 1,
      fill: 0,
      score: 'logit',
      batchSize: 9,
      memoryBudgetMB: 2,
      activationFactor: 2 ** 20 / 36,
    });
    expect(e!.stats).toMatchObject({ batchSize: 2, batches: 5 });
    closeAll(e!.raw.data, range1(9));
  });

  it('keeps the batches it scores, and the engine memory while it does, independent of the number of windows', async () => {
    // Spy on run: the largest batch it sees (rows and values) and the engine's memory() at that moment. The occluded
    // copies are made batch by batch, so nothing grows with the number of windows.
    const lm = model([8, 8, 3], [ones(192)]);
    const peak = { rows: 0, values: 0, bytes: 0 };
    const spied = Object.create(lm.model, {
      run: {
        value: (x: NdArray, outputs: string[]) => {
          peak.rows = Math.max(peak.rows, x.shape[0]!);
          peak.values = Math.max(peak.values, x.data.length);
          peak.bytes = Math.max(peak.bytes, lm.model.memory().bytes);
          return lm.model.run(x, outputs);
        },
      },
    });
    const img = range1(192);
    const measure = async (patch: number) => {
      Object.assign(peak, { rows: 0, values: 0, bytes: 0 });
      const ctx = {
        ...(await contextFor(lm, batchOf([8, 8, 3], [img]), [[0]], { patch, fill: 0, score: 'logit', batchSize: 4, preview: false })),
        model: spied,
      };
      const [e] = await occlusionExplainer.explain(ctx);
      return { ...peak, windows: e!.stats?.windows };
    };
    const few = await measure(4); // 4 windows
    const many = await measure(1); // 64 windows
    expect([few.windows, many.windows]).toEqual([4, 64]);
    expect([few.rows, many.rows]).toEqual([4, 4]);
    expect([few.values, many.values]).toEqual([4 * 192, 4 * 192]);
    expect(many.bytes).toBe(few.bytes);
  });

  it('returns the first batch as extras.patchPreview, capped at 16 copies, and none with preview: false', async () => {
    const lm = model([3, 3, 1], [ones(9)]);
    const [e] = await explain(lm, [3, 3, 1], [range1(9)], [[0]], { patch: 2, stride: 1, fill: 0, batchSize: 3 });
    const p = e!.extras?.patchPreview;
    expect(p?.shape).toEqual([3, 3, 3, 1]);
    expect(Array.from(p!.data.slice(0, 9))).toEqual([0, 0, 3, 0, 0, 6, 7, 8, 9]);
    expect(Array.from(p!.data.slice(9, 18))).toEqual([1, 0, 0, 4, 0, 0, 7, 8, 9]);
    const big = model([5, 5, 1], [ones(25)]);
    const [b] = await explain(big, [5, 5, 1], [range1(25)], [[0]], { patch: 1, batchSize: 25 });
    expect(b!.extras?.patchPreview!.shape).toEqual([16, 5, 5, 1]);
    const [none] = await explain(lm, [3, 3, 1], [range1(9)], [[0]], { patch: 2, preview: false });
    expect(none!.extras).toBeUndefined();
  });

  it('explains several inputs in order; progress is monotone and ends at the total', async () => {
    const lm = model([3, 3, 1], [ones(9), range1(9)]);
    const events: ProgressEvent[] = [];
    const input = batchOf([3, 3, 1], [range1(9), new Array(9).fill(2)]);
    const ctx = await contextFor(
      lm,
      input,
      [[0, 1], [1]],
      { patch: 2, stride: 1, fill: 0, score: 'logit', batchSize: 3 },
      {
        progress: (e) => events.push(e),
      },
    );
    const out = await occlusionExplainer.explain(ctx);
    expect(out.map((e) => [e.inputIndex, e.target.classIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
    // input 1 is all 2s: class 1 window (0,0) hides 2·(1+2+4+5) = 24
    expect(out[2]!.raw.data[0]).toBeCloseTo(24, 4);
    expect(events.map((e) => e.done)).toEqual([3, 4, 7, 8]);
    expect(events.every((e) => e.stage === 'occlusion' && e.total === 8)).toBe(true);
  });

  it("aborts between batches: throws an AbortError, stops the passes and leaves the model's memory() as it was", async () => {
    const lm = model([3, 3, 1], [ones(9)]);
    const input = batchOf([3, 3, 1], [range1(9)]);
    const controller = new AbortController();
    const events: number[] = [];
    const ctx = await contextFor(
      lm,
      input,
      [[0]],
      { patch: 1, fill: 0, batchSize: 2 },
      {
        signal: controller.signal,
        progress: (e) => {
          events.push(e.done);
          if (e.done >= 4) controller.abort();
        },
      },
    );
    const before = lm.model.memory();
    await expect(occlusionExplainer.explain(ctx)).rejects.toMatchObject({ name: 'AbortError', message: /after 4 of 9 windows/ });
    expect(lm.model.memory()).toEqual(before);
    expect(events).toEqual([2, 4]);
    expect(lm.calls()).toBe(2);
  });

  it("leaves the model's memory() unchanged over 20 runs (with blur, preview and several classes)", async () => {
    const lm = model([4, 4, 2], [ones(32), range1(32)]);
    const input = batchOf([4, 4, 2], [range1(32), range1(32).reverse()]);
    const ctx = await contextFor(
      lm,
      input,
      [
        [0, 1],
        [1, 0],
      ],
      { patch: 2, stride: 1, fill: 'blur', blurRadius: 1, batchSize: 3 },
    );
    await occlusionExplainer.explain(ctx);
    const before = lm.model.memory();
    for (let r = 0; r < 20; r++) await occlusionExplainer.explain(ctx);
    expect(lm.model.memory()).toEqual(before);
    expect(Array.from(input.data)).toEqual([...range1(32), ...range1(32).reverse()]); // the input is left as given
  });
});

describe('occlusion option validation (names the option, the value and what is accepted)', () => {
  let lm: LinearModel;
  beforeAll(() => {
    lm = linearModel([3, 3, 2], [ones(18)]);
  });
  afterAll(() => lm.dispose());
  const run = (options: Record<string, unknown>) => explain(lm, [3, 3, 2], [ones(18)], [[0]], options);

  it('refuses a patch larger than the input', async () => {
    await expect(run({ patch: 4 })).rejects.toThrow(/option "patch" = 4 is larger than the model input \(3×3\)/);
    await expect(run({ patch: [2, 5] })).rejects.toThrow(/"patch" = \[2,5\] is larger/);
  });

  it('refuses a non-integer patch', async () => {
    await expect(run({ patch: 1.5 })).rejects.toThrow(
      /patch: \(occlusion\) 1\.5 is not accepted\. Expected: .*an integer ≥ 1 \(square\), \[height, width\], or 'auto'/,
    );
  });

  it('refuses stride 0 and a stride larger than the patch', async () => {
    await expect(run({ patch: 2, stride: 0 })).rejects.toThrow(/stride: \(occlusion\) 0 is not accepted\. Expected: .*an integer ≥ 1/);
    await expect(run({ patch: 2, stride: 3 })).rejects.toThrow(/option "stride" = 3 is larger than the patch \(2×2\)/);
    await expect(run({ patch: [2, 1], stride: [1, 2] })).rejects.toThrow(/"stride" = \[1,2\]/);
  });

  it('refuses a fill array whose length is not the number of channels', async () => {
    await expect(run({ fill: [0, 0, 0] })).rejects.toThrow(/option "fill" = \[0,0,0\] has 3 value\(s\) but the model input has 2 channel\(s\)/);
    await expect(run({ fill: 'grey' })).rejects.toThrow(/fill: \(occlusion\) "grey" is not accepted\. Expected: .*a number, one number per channel, 'mean'/);
  });

  it('refuses unknown keys and bad enums', async () => {
    await expect(run({ patchSize: 2 })).rejects.toThrow(/\(occlusion\) unknown key "patchSize".* Accepted keys: patch, stride/);
    await expect(run({ output: 'heat' })).rejects.toThrow(/output: \(occlusion\) "heat" is not accepted.*Accepted: "probability", "drop"/);
    await expect(run({ batchSize: 0 })).rejects.toThrow(/batchSize: \(occlusion\) 0 must be >= 1/);
  });

  it("patch 'auto' is ceil(min(H, W) / 14): 1 on a 3×3 input", async () => {
    const [e] = await run({});
    expect(e!.raw.shape).toEqual([3, 3]);
    expect(e!.options).toMatchObject({ patch: [1, 1], stride: [1, 1], fill: 'mean', output: 'drop', score: 'probability' });
  });
});
