import { describe, expect, it, vi } from 'vitest';
import { makeMap, validateOptions, type Explanation, type NdArray, type VisorModel } from '@visor/core';
import { rescaleUnit } from '@visor/core';
import { sanityLogitMetric } from './sanityLogitMetric.js';
import { sanityModelMetric, type SanityModelOptions } from './sanityModelMetric.js';
import { ssim } from './ssim.js';
import { batchOf, metricContext, TinyModel } from './testModels.testkit.js';

// 12×12 single-channel inputs (SSIM needs 11×11). Image values x_i = i + 1.
const H = 12;
const W = 12;
const P = H * W;
const shape: [number, number, number] = [H, W, 1];
const ramp = Array.from({ length: P }, (_, i) => i + 1);

/** Test explainers computed from whatever model they are given, through its public weights only. */
function explain(method: string, model: VisorModel, input: NdArray, targets: number[][]): Explanation[] {
  const scale = model.weights('scale')[0]!.data;
  const [kernel] = model.weights('dense');
  const K = model.numClasses;
  return targets.flatMap((classes, n) =>
    classes.map((c) => {
      const x = input.data.subarray(n * P, (n + 1) * P);
      const map = new Float32Array(P);
      for (let i = 0; i < P; i++) {
        // edge: the image itself, whatever the model ("an edge detector"); scale-only: a ⊙ x; gradient-input: w_c ⊙ a ⊙ x.
        map[i] = method === 'edge' ? x[i]! : method === 'scale-only' ? scale[i]! * x[i]! : kernel!.data[i * K + c]! * scale[i]! * x[i]!;
      }
      const m = makeMap(map, [H, W], `${method} map`, true);
      return { method, inputIndex: n, target: { classIndex: c, score: 0, scoreKind: 'logit' as const }, options: {}, raw: m, heatmap: m };
    }),
  );
}

/** Random weights chosen so the effect is known: scale becomes 1/(i+1)², so a ⊙ x = 1/(i+1) reverses the ranking. */
const randomize = (layer: 'scale' | 'dense', _seed: number, old: number[][]) =>
  layer === 'scale' ? [old[0]!.map((_, i) => 1 / (i + 1) ** 2)] : old.map((row, k) => row.map((_, i) => Math.cos(i * 0.37 + k)));

const model3 = () =>
  new TinyModel({
    shape,
    dense: [0, 1, 2].map((k) => ramp.map((_, i) => Math.sin(i * 0.11 * (k + 1)) + 0.1 * k)),
    finalActivation: 'softmax',
    randomize,
  });

async function contextFor<O>(model: TinyModel, methods: string[], options: O, inputs = [ramp]) {
  const input = batchOf(shape, inputs);
  const explanations = methods.flatMap((m) =>
    inputs.flatMap((_, n) => explain(m, model, batchOf(shape, [inputs[n]!]), [[0]]).map((e) => ({ ...e, inputIndex: n }))),
  );
  const reexplain = vi.fn(async (method: string, m: VisorModel, x: NdArray, targets: number[][]) => explain(method, m, x, targets));
  const ctx = await metricContext({ model, input, explanations, options, reexplain });
  return { ctx, reexplain, input };
}

describe('sanity-model (cascading randomisation)', () => {
  it('randomises from the output down, one more layer per step, and compares each map with the original', async () => {
    const model = model3();
    const { ctx, reexplain } = await contextFor<SanityModelOptions>(model, ['edge', 'scale-only'], { layers: 'all', seed: 3 });
    const spy = vi.spyOn(model, 'withRandomWeights');
    const [edge, scaleOnly] = await sanityModelMetric.evaluate(ctx);
    expect(spy.mock.calls).toEqual([
      [['dense'], 3],
      [['dense', 'scale'], 3],
    ]);
    // One re-explanation per method per step, over the whole batch.
    expect(reexplain).toHaveBeenCalledTimes(4);
    // The model-independent "edge detector" keeps its map: correlation and SSIM 1 at every step (it fails the check).
    expect(edge!.curves!.spearmanAbs).toMatchObject({ x: [1, 2], xNames: ['dense', 'scale'] });
    expect(edge!.curves!.spearmanAbs!.y).toEqual([1, 1]);
    expect(edge!.curves!.ssim!.y[0]!).toBeCloseTo(1, 12);
    // scale-only ignores the dense layer (step 1: unchanged), then its ranking is exactly reversed (step 2: −1).
    expect(scaleOnly!.curves!.spearman!.y[0]!).toBeCloseTo(1, 12);
    expect(scaleOnly!.curves!.spearman!.y[1]!).toBeCloseTo(-1, 12);
    expect(scaleOnly!.curves!.spearmanAbs!.y[1]!).toBeCloseTo(-1, 12); // all values positive: |map| reverses too
    expect(Object.keys(scaleOnly!.values)).toEqual(['spearmanAbs', 'spearman', 'ssim', 'layers']);
    expect(scaleOnly!.values).toMatchObject({ spearmanAbs: scaleOnly!.curves!.spearmanAbs!.y[1]!, layers: 2 });
    // SSIM of the maps rescaled to [0, 1]: the original ramp i+1 against 1/(i+1).
    const original = rescaleUnit(ramp);
    const randomised = rescaleUnit(ramp.map((v) => 1 / v));
    expect(scaleOnly!.values.ssim).toBeCloseTo(ssim(original, randomised, H, W, 1), 6);
    expect(scaleOnly!.meaning).toMatch(/Lower is better/);
  });

  it('never changes the model and disposes every copy', async () => {
    const model = model3();
    const input = batchOf(shape, [ramp]);
    const [before] = await model.run(input, ['logits']);
    const memory = model.memory();
    const { ctx } = await contextFor<SanityModelOptions>(model, ['gradient-input'], { layers: 'all', seed: 0 });
    await sanityModelMetric.evaluate(ctx);
    const [after] = await model.run(input, ['logits']);
    expect(Array.from(after!.data)).toEqual(Array.from(before!.data));
    expect(model.memory()).toEqual(memory);
  });

  it('disposes the copy when explaining fails', async () => {
    const model = model3();
    const { ctx } = await contextFor<SanityModelOptions>(model, ['edge'], { layers: 'all', seed: 0 });
    const memory = model.memory();
    const failing = { ...ctx, reexplain: async () => Promise.reject(new Error('explainer broke')) };
    await expect(sanityModelMetric.evaluate(failing)).rejects.toThrow('explainer broke');
    expect(model.memory()).toEqual(memory);
  });

  it('limits the cascade to the last n layers or to named ones', async () => {
    const model = model3();
    const spy = vi.spyOn(model, 'withRandomWeights');
    const { ctx } = await contextFor<SanityModelOptions>(model, ['edge'], { layers: 1, seed: 0 });
    const [r] = await sanityModelMetric.evaluate(ctx);
    expect(r!.curves!.ssim!.xNames).toEqual(['dense']);
    const named = await sanityModelMetric.evaluate({ ...ctx, options: { layers: ['scale'], seed: 0 } });
    expect(named[0]!.curves!.ssim!.xNames).toEqual(['scale']);
    expect(spy.mock.calls.map((c) => c[0])).toEqual([['dense'], ['scale']]);
    await expect(sanityModelMetric.evaluate({ ...ctx, options: { layers: ['scal'], seed: 0 } })).rejects.toMatchObject({
      message: expect.stringMatching(/has no layer 'scal'/),
      hint: "Did you mean 'scale'?",
    });
    await expect(sanityModelMetric.evaluate({ ...ctx, options: { layers: ['identity'], seed: 0 } })).rejects.toThrow(/'identity' .* has no weights/);
  });

  it('refuses maps smaller than the SSIM window with a clear error', async () => {
    const small = new TinyModel({ shape: [8, 8, 1], dense: [new Array(64).fill(1), new Array(64).fill(2)], finalActivation: 'linear' });
    const input = batchOf([8, 8, 1], [new Array(64).fill(1)]);
    const map = makeMap(new Float32Array(64), [8, 8], 'm');
    const e: Explanation = { method: 'edge', inputIndex: 0, target: { classIndex: 0, score: 0, scoreKind: 'logit' }, options: {}, raw: map, heatmap: map };
    const ctx = await metricContext<SanityModelOptions>({
      model: small,
      input,
      explanations: [e],
      options: { layers: 'all', seed: 0 },
      reexplain: async () => [e],
    });
    const spy = vi.spyOn(small, 'withRandomWeights');
    await expect(sanityModelMetric.evaluate(ctx)).rejects.toThrow(/SSIM needs maps of at least 11×11 pixels, but the model input is 8×8/);
    expect(spy).not.toHaveBeenCalled(); // refused before any work
    await expect(sanityLogitMetric.evaluate({ ...ctx, options: { seed: 0 } })).rejects.toThrow(/sanity-logit: SSIM needs/);
  });

  it('validates its options', () => {
    expect(validateOptions(sanityModelMetric, {})).toEqual({ layers: 'all', seed: 0 });
    for (const bad of [{ layers: 0 }, { layers: 'some' }, { layers: [] }, { seed: 1.5 }, { order: 'top-down' }]) {
      expect(() => validateOptions(sanityModelMetric, bad), JSON.stringify(bad)).toThrow();
    }
  });
});

describe('sanity-logit (random other class)', () => {
  it('explains a seeded random other class and compares the two maps', async () => {
    const model = model3();
    const { ctx, reexplain } = await contextFor(model, ['gradient-input', 'edge'], { seed: 5 }, [ramp, ramp.map((v) => P - v)]);
    const results = await sanityLogitMetric.evaluate(ctx);
    expect(reexplain).toHaveBeenCalledTimes(2); // once per method, both inputs at once
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.values.randomClass).not.toBe(r.classIndex);
      expect([1, 2]).toContain(r.values.randomClass);
    }
    // The class-blind "edge" map is the same for every class: SSIM 1 (it fails the check).
    expect(results[2]!.values.ssim).toBeCloseTo(1, 12);
    // gradient-input on input 0: w_c ⊙ x against w_{c'} ⊙ x, compared after rescaling to [0, 1].
    const r = results[0]!;
    const mapFor = (c: number) => explain('gradient-input', model, batchOf(shape, [ramp]), [[c]])[0]!.heatmap.data;
    expect(r.values.ssim).toBeCloseTo(ssim(rescaleUnit(mapFor(0)), rescaleUnit(mapFor(r.values.randomClass!)), H, W, 1), 6);
    expect(Object.keys(r.values)[0]!).toBe('ssim');
    // Seeded: the same draw again.
    const again = await sanityLogitMetric.evaluate(ctx);
    expect(again.map((x) => x.values.randomClass)).toEqual(results.map((x) => x.values.randomClass));
  });

  it('leaves the model as it was and validates its options', async () => {
    const model = model3();
    const { ctx } = await contextFor(model, ['gradient-input'], { seed: 0 });
    const memory = model.memory();
    await sanityLogitMetric.evaluate(ctx);
    expect(model.memory()).toEqual(memory);
    expect(validateOptions(sanityLogitMetric, {})).toEqual({ seed: 0 });
    expect(() => validateOptions(sanityLogitMetric, { seed: 'x' })).toThrow();
  });
});
