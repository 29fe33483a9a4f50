import { describe, expect, it } from 'vitest';
import { validateOptions } from '@visor/core';
import { roadDefaults, roadMetric } from './roadMetric.js';
import type { RoadOptions } from './RoadOptions.js';
import { batchOf, explanationOf, metricContext, TinyModel } from './testModels.testkit.js';

const shape: [number, number, number] = [3, 3, 1];
const linear = () => new TinyModel({ shape, dense: [new Array(9).fill(1)], finalActivation: 'linear' });
// Σ = 140; the map ranks the centre (100) first and the top-left corner (1) last.
const image = [1, 2, 3, 4, 100, 6, 7, 8, 9];
const map = [-1, 0, 0, 0, 5, 0, 0, 0, 0];
const opts = (o: Partial<RoadOptions>): RoadOptions => ({ ...roadDefaults, ...o });

describe('road on a linear model (logit = Σ pixels)', () => {
  it('removes ⌊P·p/100⌋ pixels most- and least-relevant first and imputes them, worked by hand', async () => {
    const model = linear();
    const ctx = await metricContext({
      model,
      input: batchOf(shape, [image]),
      explanations: [explanationOf('m', 0, 0, map, [3, 3])],
      options: opts({ percentiles: [20], noise: 0 }),
    });
    const [r] = await roadMetric.evaluate(ctx);
    // p = 20: ⌊9 · 0.2⌋ = 1 pixel. MoRF: the centre becomes (2+4+6+8)/6 + (1+3+7+9)/12 = 5 → 140 − 100 + 5 = 45.
    // LeRF: the corner becomes (2/6 + 4/6 + 100/12) / (5/12) = 22.4 → 140 − 1 + 22.4 = 161.4.
    expect(r!.curves!.morf!.x).toEqual([0.2]);
    expect(r!.curves!.morf!.y[0]!).toBeCloseTo(45, 4);
    expect(r!.curves!.lerf!.y[0]!).toBeCloseTo(161.4, 4);
    expect(Object.keys(r!.values)).toEqual(['combined', 'morf', 'lerf']);
    expect(r!.values.combined).toBeCloseTo((161.4 - 45) / 2, 4);
    expect(r!.values.morf).toBeCloseTo(45, 4);
    expect(r!.meaning).toMatch(/Higher is better/);
  });

  it('averages (LeRF − MoRF)/2 over the percentages', async () => {
    const model = linear();
    // p = 5: ⌊0.45⌋ = 0 pixels, both scores 140; p = 20 as above.
    const ctx = await metricContext({
      model,
      input: batchOf(shape, [image]),
      explanations: [explanationOf('m', 0, 0, map, [3, 3])],
      options: opts({ percentiles: [5, 20], noise: 0 }),
    });
    const [r] = await roadMetric.evaluate(ctx);
    expect(r!.curves!.morf!.y[0]!).toBeCloseTo(140, 4);
    expect(r!.curves!.lerf!.y[0]!).toBeCloseTo(140, 4);
    expect(r!.values.combined).toBeCloseTo((0 + (161.4 - 45) / 2) / 2, 4);
    expect(r!.values.lerf).toBeCloseTo((140 + 161.4) / 2, 4);
  });

  it('adds seeded noise scaled by the image range: same seed same result, another seed another', async () => {
    const run = async (seed: number) => {
      const model = linear();
      const ctx = await metricContext({
        model,
        input: batchOf(shape, [image]),
        explanations: [explanationOf('m', 0, 0, map, [3, 3])],
        options: opts({ percentiles: [20], noise: 0.01, seed }),
      });
      return (await roadMetric.evaluate(ctx))[0]!.curves!.morf!.y[0]!;
    };
    const a = await run(1);
    expect(await run(1)).toBe(a);
    expect(await run(2)).not.toBe(a);
    // One noisy value of σ = 0.01 · (100 − 1) ≈ 1: |noise| < 5σ.
    expect(Math.abs(a - 45)).toBeLessThan(5);
    expect(a).not.toBeCloseTo(45, 4);
  });

  it('batches the 2 × percentages images of every explanation and leaves memory as it was', async () => {
    const model = linear();
    const input = batchOf(shape, [image, image.map((v) => v / 2)]);
    const ctx = await metricContext({
      model,
      input,
      explanations: [explanationOf('m', 0, 0, map, [3, 3]), explanationOf('m', 1, 0, map, [3, 3])],
      options: opts({ percentiles: [20, 40, 60], noise: 0, batchSize: 4 }),
    });
    const before = model.memory();
    const results = await roadMetric.evaluate(ctx);
    expect(model.runs).toEqual([4, 4, 4]);
    expect(model.memory()).toEqual(before);
    // The second image is the first halved: imputation and the model are linear, so every score halves.
    results[0]!.curves!.morf!.y.forEach((v, i) => expect(results[1]!.curves!.morf!.y[i]!).toBeCloseTo(v / 2, 4));
    results[0]!.curves!.lerf!.y.forEach((v, i) => expect(results[1]!.curves!.lerf!.y[i]!).toBeCloseTo(v / 2, 4));
  });

  it('validates its options', () => {
    expect(validateOptions(roadMetric, {})).toEqual(roadDefaults);
    for (const bad of [
      { percentiles: [] },
      { percentiles: [0] },
      { percentiles: [100] },
      { percentiles: [50, 120] },
      { noise: -1 },
      { seed: 0.5 },
      { batchSize: 0 },
      { order: 'morf' },
    ]) {
      expect(() => validateOptions(roadMetric, bad), JSON.stringify(bad)).toThrow();
    }
  });
});
