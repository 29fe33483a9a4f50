import { validateOptions, type GradientRequest, type NdArray, type VisorModel } from '@visor/core';
import { explainContext, explainerConformance, functionModel } from '@visor/core/testing';
import { tf, wrapLayersModel } from '@visor/engine-tfjs';
import { batch4x4, HAND_WORKED_X, tinyCnn } from '@visor/engine-tfjs/testing';
import { describe, expect, it } from 'vitest';
import plugin, { smoothGrad } from './index.js';
import type { SmoothGradOptions } from './smoothGradOptions.js';

const W = [1, -1, 2, -2, 3, -3];

/** A model over a 3×2×1 input: logit_0 = 2·Σ relu(x), logit_1 = Σ w·x: gradients 2·[x > 0] and w, in closed form. */
function closedFormModel(): VisorModel {
  return functionModel({
    inputShape: [3, 2, 1],
    numClasses: 2,
    finalActivation: 'linear',
    source: 'closed-form',
    logits: (x) => [2 * x.reduce((s, v) => s + Math.max(v, 0), 0), x.reduce((s, v, i) => s + v * W[i]!, 0)],
    gradient: (x, seed) => Float32Array.from(x, (v, i) => seed[0]! * 2 * (v > 0 ? 1 : 0) + seed[1]! * W[i]!),
  });
}

/** Counts the model's gradient calls and keeps the last request and batch shape. */
function recording(model: VisorModel) {
  const calls: { shape: number[]; request: GradientRequest }[] = [];
  const wrapped: VisorModel = {
    ...model,
    gradients: (x: NdArray, request: GradientRequest) => (calls.push({ shape: x.shape, request }), model.gradients(x, request)),
  };
  return { model: wrapped, calls };
}

async function ctxFor(x: number[], targets: number[], options: Partial<SmoothGradOptions>, model = closedFormModel()) {
  return explainContext<SmoothGradOptions>(
    model,
    { data: Float32Array.from(x), shape: [1, 3, 2, 1] },
    {
      targets: [targets],
      options: validateOptions(smoothGrad, options) as SmoothGradOptions,
      label: (i) => `c${i}`,
    },
  );
}

describe('smoothgrad', () => {
  it('equals the plain gradient w for a linear score, whatever the noise', async () => {
    const [e] = await smoothGrad.explain(await ctxFor([1, 2, 3, 4, 5, 6], [1], { samples: 8, noiseLevel: 0.5 }));
    expect([...e!.raw.data]).toEqual([1, -1, 2, -2, 3, -3]);
    expect([...e!.heatmap.data]).toEqual([1, 1, 2, 2, 3, 3]);
    expect(e!.target).toEqual({ classIndex: 1, label: 'c1', score: 1 - 2 + 6 - 8 + 15 - 18, scoreKind: 'logit' });
  });

  it('averages the ReLU gradient 2·[x+ε > 0] over the noise: 2·Φ(x/σ) (≈ 1 at x = 0, ≈ 2 far above 0, ≈ 0 far below)', async () => {
    // x spans [-10, 10], so σ = 0.1 × 20 = 2: Φ(0) = 0.5 → 1.0 (± 0.05 sd over 400 copies); Φ(5) ≈ 1 → 2.0; Φ(-5) ≈ 0 → 0.
    const [e] = await smoothGrad.explain(await ctxFor([0, 10, -10, 0, 10, -10], [0], { samples: 400, noiseLevel: 0.1, seed: 3 }));
    const g = [...e!.raw.data];
    expect(g[0]).toBeGreaterThan(0.85);
    expect(g[0]).toBeLessThan(1.15);
    expect(g[3]).toBeGreaterThan(0.85);
    expect(g[3]).toBeLessThan(1.15);
    expect(g[1]).toBe(2);
    expect(g[4]).toBe(2);
    expect(g[2]).toBe(0);
    expect(g[5]).toBe(0);
  });

  it('squared averages g²: for a linear score, w²', async () => {
    const [e] = await smoothGrad.explain(await ctxFor([1, 2, 3, 4, 5, 6], [1], { samples: 4, squared: true }));
    expect([...e!.raw.data]).toEqual([1, 1, 4, 4, 9, 9]);
    expect(e!.raw.signed).toBe(false);
  });

  it('runs the noisy copies of an input as one batch, one seed per target, one-hot on every copy', async () => {
    const { model, calls } = recording(closedFormModel());
    const out = await smoothGrad.explain(await ctxFor([1, 2, 3, 4, 5, 6], [1, 0], { samples: 3 }, model));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.shape).toEqual([3, 3, 2, 1]);
    expect(calls[0]!.request).toMatchObject({ score: 'logit', wrt: 'input' });
    expect(calls[0]!.request.seeds.map((s) => Array.from(s))).toEqual([
      [0, 1, 0, 1, 0, 1],
      [1, 0, 1, 0, 1, 0],
    ]);
    // the inputs are all positive and σ = 0.15 × 5: class 0's gradient is 2 wherever no copy dipped below 0
    expect(out.map((e) => e.target.classIndex)).toEqual([1, 0]);
    expect([...out[0]!.raw.data]).toEqual(W);
    expect(out[1]!.raw.data[5]).toBe(2); // x = 6 is 8σ above 0
  });

  it('runs on the tfjs engine: with noiseLevel 0 it is the plain gradient of the hand-worked tiny CNN', async () => {
    // The tiny CNN of @visor/engine-tfjs/testing (see plugin-guided-bp's ruleGradient.test.ts): the plain
    // gradient of logit 0 passes units 00 (g = 2) and 01 (g = −1) through the diagonal kernel diag(1, 2, 3).
    await tf.setBackend('cpu');
    const model = wrapLayersModel(tinyCnn('fused-relu', [2, -1, 3, -4]), 'tiny CNN', { owned: true });
    const ctx = await explainContext<SmoothGradOptions>(model, batch4x4(HAND_WORKED_X), {
      targets: [[0]],
      options: validateOptions(smoothGrad, { samples: 2, noiseLevel: 0 }) as SmoothGradOptions,
    });
    const before = model.memory();
    const [e] = await smoothGrad.explain(ctx);
    const expected = [2, -1, 0, 0, 0, 4, -2, 0, 0, 0, 6, -3, 0, 0, 0, 0];
    expected.forEach((v, i) => expect(e!.raw.data[i]!, `pixel ${i}`).toBeCloseTo(v, 5));
    expect(model.memory()).toEqual(before);
    await model.dispose();
  });

  it('is a plugin for plugin API ^2', () => {
    expect(plugin).toMatchObject({ name: 'visor-plugin-smoothgrad', visorApi: '^2' });
  });
});

explainerConformance(smoothGrad, {
  model: closedFormModel,
  options: { samples: 4 },
  invalidOptions: [{ samples: 0 }, { noiseLevel: 2 }, { score: 'logits' }],
});
