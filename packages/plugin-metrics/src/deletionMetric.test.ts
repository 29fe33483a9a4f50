import { describe, expect, it } from 'vitest';
import { validateOptions } from '@visor/core';
import { deletionDefaults, deletionMetric } from './deletionMetric.js';
import { insertionDefaults, insertionMetric } from './insertionMetric.js';
import type { CausalOptions } from './CausalOptions.js';
import { batchOf, explanationOf, metricContext, TinyModel } from './testModels.testkit.js';

// A 2×2 single-channel image x = [1, 2, 3, 4] and a linear head logit = Σ x_i (weights 1, no bias):
// the score after deleting a set S (fill 0) is Σ_{i∉S} x_i, so the curves can be written out.
const shape: [number, number, number] = [2, 2, 1];
const linear = () => new TinyModel({ shape, dense: [[1, 1, 1, 1]], finalActivation: 'linear' });
const x = batchOf(shape, [[1, 2, 3, 4]]);
const options = (o: Partial<CausalOptions>, d: CausalOptions): CausalOptions => ({ ...d, ...o });

describe('deletion on a linear model', () => {
  it('traces Σ of the pixels not yet deleted and integrates it by the trapezoid rule', async () => {
    const model = linear();
    // Map = the pixels' own contributions: rank 4, 3, 2, 1 (indices 3, 2, 1, 0).
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('exact', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 4 }, deletionDefaults),
    });
    const [r] = await deletionMetric.evaluate(ctx);
    // Delete 4, then 3, then 2, then 1: scores 10, 6, 3, 1, 0.
    expect(r!.curves!.deletion!.x).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(r!.curves!.deletion!.y).toEqual([10, 6, 3, 1, 0]);
    // AUC = 0.25 · ((10+6)/2 + (6+3)/2 + (3+1)/2 + (1+0)/2) = 0.25 · 15 = 3.75.
    expect(r!.values.auc).toBeCloseTo(3.75, 6);
    expect(Object.keys(r!.values)[0]!).toBe('auc');
    expect(r!.values.first).toBe(10);
    expect(r!.values.last).toBe(0);
    expect(r).toMatchObject({ metric: 'deletion', method: 'exact', inputIndex: 0, classIndex: 0 });
    expect(r!.meaning).toMatch(/logit/);
    expect(r!.meaning).toMatch(/Lower is better/);
  });

  it('a reversed map deletes the small pixels first and scores a larger AUC', async () => {
    const model = linear();
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('reversed', 0, 0, [4, 3, 2, 1], [2, 2])],
      options: options({ steps: 4 }, deletionDefaults),
    });
    const [r] = await deletionMetric.evaluate(ctx);
    // Delete 1, 2, 3, 4: scores 10, 9, 7, 4, 0; AUC = 0.25 · (9.5 + 8 + 5.5 + 2) = 6.25.
    expect(r!.curves!.deletion!.y).toEqual([10, 9, 7, 4, 0]);
    expect(r!.values.auc).toBeCloseTo(6.25, 6);
  });

  it('uses round(k·P/steps) pixels per step and the real fractions as x (3 steps over 4 pixels)', async () => {
    const model = linear();
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('exact', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 3 }, deletionDefaults),
    });
    const [r] = await deletionMetric.evaluate(ctx);
    // Counts 0, round(4/3) = 1, round(8/3) = 3, 4 → x 0, 0.25, 0.75, 1; scores 10, 6, 1, 0.
    expect(r!.curves!.deletion!.x).toEqual([0, 0.25, 0.75, 1]);
    expect(r!.curves!.deletion!.y).toEqual([10, 6, 1, 0]);
    // AUC = 0.25 · 8 + 0.5 · 3.5 + 0.25 · 0.5 = 2 + 1.75 + 0.125.
    expect(r!.values.auc).toBeCloseTo(3.875, 6);
  });

  it('breaks ties in row-major order and ranks signed maps by value', async () => {
    const model = linear();
    // Ties 5, 5 at indices 0 and 1: index 0 first; the negative value −9 is last (not first by magnitude).
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('tied', 0, 0, [5, 5, -9, 0], [2, 2])],
      options: options({ steps: 4 }, deletionDefaults),
    });
    const [r] = await deletionMetric.evaluate(ctx);
    // Order 0, 1, 3, 2: scores 10, 9, 7, 3, 0.
    expect(r!.curves!.deletion!.y).toEqual([10, 9, 7, 3, 0]);
  });

  it('replaces deleted pixels with a given fill value and with the mean', async () => {
    const model = linear();
    const e = [explanationOf('exact', 0, 0, [1, 2, 3, 4], [2, 2])];
    const [r] = await deletionMetric.evaluate(
      await metricContext({ model, input: x, explanations: e, options: options({ steps: 2, fill: 1 }, deletionDefaults) }),
    );
    // Pixels 4 and 3 become 1: 1 + 2 + 1 + 1 = 5; then all: 4.
    expect(r!.curves!.deletion!.y).toEqual([10, 5, 4]);
    const [m] = await deletionMetric.evaluate(
      await metricContext({ model, input: x, explanations: e, options: options({ steps: 2, fill: 'mean' }, deletionDefaults) }),
    );
    // Mean 2.5: 1 + 2 + 2.5 + 2.5 = 8; then 10.
    expect(m!.curves!.deletion!.y).toEqual([10, 8, 10]);
  });
});

describe('insertion on a linear model', () => {
  it('reveals the most salient pixels first onto the baseline', async () => {
    const model = linear();
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('exact', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 4, fill: 0 }, insertionDefaults),
    });
    const [r] = await insertionMetric.evaluate(ctx);
    // Reveal 4, 3, 2, 1 onto 0: 0, 4, 7, 9, 10; AUC = 0.25 · (2 + 5.5 + 8 + 9.5) = 6.25.
    expect(r!.curves!.insertion!.y).toEqual([0, 4, 7, 9, 10]);
    expect(r!.values.auc).toBeCloseTo(6.25, 6);
    expect(r!.meaning).toMatch(/Higher is better/);
  });

  it('starts from the blurred image by default', async () => {
    // A constant image blurs to itself, so every step scores the same.
    const model = linear();
    const flat = batchOf(shape, [[2, 2, 2, 2]]);
    const ctx = await metricContext({
      model,
      input: flat,
      explanations: [explanationOf('exact', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 2 }, insertionDefaults),
    });
    const [r] = await insertionMetric.evaluate(ctx);
    expect(r!.curves!.insertion!.y).toEqual([8, 8, 8]);
  });
});

describe('deletion on a 3-class softmax model', () => {
  it('records the target probability, softmax of the remaining logits', async () => {
    // logit_0 = x0 + x1, logit_1 = x2 + x3, logit_2 = 0 on x = [1, 2, 3, 4].
    const model = new TinyModel({
      shape,
      dense: [
        [1, 1, 0, 0],
        [0, 0, 1, 1],
        [0, 0, 0, 0],
      ],
      finalActivation: 'softmax',
    });
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('m', 0, 1, [0, 0, 1, 2], [2, 2])],
      options: options({ steps: 2 }, deletionDefaults),
    });
    const [r] = await deletionMetric.evaluate(ctx);
    const softmax1 = (l: number[]) => Math.exp(l[1]!) / l.reduce((s, v) => s + Math.exp(v), 0);
    // Step 0: logits (3, 7, 0). Step 1 deletes x3, x2: (3, 0, 0). Step 2 deletes all: (0, 0, 0) → 1/3.
    const expected = [softmax1([3, 7, 0]), softmax1([3, 0, 0]), 1 / 3];
    r!.curves!.deletion!.y.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(r!.meaning).toMatch(/probability/);
    expect(r!.classIndex).toBe(1);
  });
});

describe('batching', () => {
  it('scores every explanation in batches of batchSize, with the same results', async () => {
    const model = linear();
    const input = batchOf(shape, [
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]);
    const explanations = [explanationOf('a', 0, 0, [1, 2, 3, 4], [2, 2]), explanationOf('a', 1, 0, [1, 2, 3, 4], [2, 2])];
    const ctx = await metricContext({ model, input, explanations, options: options({ steps: 4, batchSize: 3 }, deletionDefaults) });
    const results = await deletionMetric.evaluate(ctx);
    // 2 × 5 images in batches of 3: 3, 3, 3, 1.
    expect(model.runs).toEqual([3, 3, 3, 1]);
    expect(results[0]!.curves!.deletion!.y).toEqual([10, 6, 3, 1, 0]);
    // Input 1 = [4, 3, 2, 1] ranked by the same map: delete 1, 2, 3, 4 (values at indices 3, 2, 1, 0).
    expect(results[1]!.curves!.deletion!.y).toEqual([10, 9, 7, 4, 0]);
    expect(results[1]!.inputIndex).toBe(1);
  });

  it('lowers the batch to fit memoryBudgetMB (estimated from the layer shapes)', async () => {
    // Per image: 4 bytes × (input 4 + scale 4 + identity 4 + dense 1) = 52 bytes; a budget of 104 bytes fits 2.
    const model = linear();
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('a', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 4, batchSize: 16, memoryBudgetMB: 104 / 2 ** 20 }, deletionDefaults),
    });
    await deletionMetric.evaluate(ctx);
    expect(model.runs).toEqual([2, 2, 1]);
  });

  it('leaves the input and the model memory as they were, and reports progress', async () => {
    const model = linear();
    const input = batchOf(shape, [[1, 2, 3, 4]]);
    const events: number[] = [];
    const ctx = await metricContext({
      model,
      input,
      explanations: [explanationOf('a', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({ steps: 4, batchSize: 2 }, insertionDefaults),
      progress: (e) => events.push(e.done),
    });
    const before = model.memory();
    await insertionMetric.evaluate(ctx);
    expect(model.memory()).toEqual(before);
    expect(Array.from(input.data)).toEqual([1, 2, 3, 4]);
    expect(events).toEqual([2, 4, 5]);
  });

  it('stops between batches when aborted', async () => {
    const model = linear();
    const controller = new AbortController();
    controller.abort();
    const ctx = await metricContext({
      model,
      input: x,
      explanations: [explanationOf('a', 0, 0, [1, 2, 3, 4], [2, 2])],
      options: options({}, deletionDefaults),
      signal: controller.signal,
    });
    await expect(deletionMetric.evaluate(ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(model.runs).toEqual([]);
  });
});

describe('options', () => {
  it('has defaults that satisfy the schema and rejects bad options', () => {
    for (const m of [deletionMetric, insertionMetric]) {
      expect(validateOptions(m, {})).toEqual(m.defaults);
      for (const bad of [
        { steps: 0 },
        { steps: 2.5 },
        { fill: 'grey' },
        { fill: [] },
        { blurSigma: 0 },
        { batchSize: 0 },
        { memoryBudgetMB: 0 },
        { step: 3 },
      ]) {
        expect(() => validateOptions(m, bad), JSON.stringify(bad)).toThrow();
      }
    }
    expect(deletionDefaults).toMatchObject({ steps: 20, fill: 0 });
    expect(insertionDefaults).toMatchObject({ steps: 20, fill: 'blur' });
  });

  it('refuses a heatmap that is not at the input resolution, naming the method', async () => {
    const model = linear();
    const ctx = await metricContext({ model, input: x, explanations: [explanationOf('cam', 0, 0, [1], [1, 1])], options: options({}, deletionDefaults) });
    await expect(deletionMetric.evaluate(ctx)).rejects.toThrow(/'cam' heatmap of input 0 .* is \[1, 1\], not the input's \[2, 2\]/);
  });
});
