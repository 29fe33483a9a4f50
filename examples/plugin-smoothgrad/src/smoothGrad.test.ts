import { describe, expect, it } from 'vitest';
import { tf, validateOptions, type ExplainContext, type VisorModel } from '@visor/core';
import { explainerConformance } from '@visor/core/testing';
import plugin, { smoothGrad } from './index.js';
import type { SmoothGradOptions } from './smoothGradOptions.js';

/** A model over a 3×2×1 input: logit_c = Σ w_c · relu(x) (class 0) or Σ w_c · x (class 1): gradients known in closed form. */
function closedFormModel(): VisorModel {
  const scores = (x: tf.Tensor4D) =>
    tf.tidy(() => {
      const flat = tf.reshape(x, [x.shape[0], 6]);
      const s0 = tf.sum(tf.relu(flat), 1, true).mul(2); // ∂/∂x = 2·[x > 0]
      const s1 = tf.sum(tf.mul(flat, tf.tensor1d([1, -1, 2, -2, 3, -3])), 1, true); // ∂/∂x = w
      return tf.concat([s0, s1], 1) as tf.Tensor2D;
    });
  return {
    source: 'closed-form',
    kind: 'layers',
    inputShape: [3, 2, 1],
    numClasses: 2,
    finalActivation: 'linear',
    outputLayer: 'out',
    layers: () => [],
    layer: () => {
      throw new Error('none');
    },
    weights: () => [],
    classScores: (x, kind) => (kind === 'logit' ? scores(x) : tf.tidy(() => tf.softmax(scores(x)))),
    run: () => {
      throw new Error('not used');
    },
    tfModel: undefined as never,
    dispose: () => {},
  };
}

function ctxFor(x: number[], targets: number[], options: Partial<SmoothGradOptions>): ExplainContext<SmoothGradOptions> {
  const model = closedFormModel();
  const input = tf.tensor4d(x, [1, 3, 2, 1]);
  const logits = Float32Array.from(model.classScores(input, 'logit').dataSync());
  return {
    model,
    input,
    targets: [targets],
    predictions: { logits: [logits], probabilities: [logits] },
    options: validateOptions(smoothGrad, options),
    backend: tf.getBackend(),
    label: (i) => `c${i}`,
    progress: () => {},
    signal: new AbortController().signal,
  };
}

describe('smoothgrad', () => {
  it('equals the plain gradient w for a linear score, whatever the noise', async () => {
    await tf.setBackend('cpu');
    const [e] = await smoothGrad.explain(ctxFor([1, 2, 3, 4, 5, 6], [1], { samples: 8, noiseLevel: 0.5 }));
    expect([...e.raw.data]).toEqual([1, -1, 2, -2, 3, -3]);
    expect([...e.heatmap.data]).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('averages the ReLU gradient 2·[x+ε > 0] over the noise: 2·Φ(x/σ) (≈ 1 at x = 0, ≈ 2 far above 0, ≈ 0 far below)', async () => {
    // x spans [-10, 10], so σ = 0.1 × 20 = 2: Φ(0) = 0.5 → 1.0; Φ(5) ≈ 1 → 2.0; Φ(-5) ≈ 0 → 0.
    const [e] = await smoothGrad.explain(ctxFor([0, 10, -10, 0, 10, -10], [0], { samples: 400, noiseLevel: 0.1, seed: 3 }));
    const g = [...e.raw.data];
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
    const [e] = await smoothGrad.explain(ctxFor([1, 2, 3, 4, 5, 6], [1], { samples: 4, squared: true }));
    expect([...e.raw.data]).toEqual([1, 1, 4, 4, 9, 9]);
    expect(e.raw.signed).toBe(false);
  });

  it('is a plugin for plugin API ^1', () => {
    expect(plugin).toMatchObject({ name: 'visor-plugin-smoothgrad', visorApi: '^1' });
  });
});

explainerConformance(smoothGrad, {
  model: closedFormModel,
  backend: 'cpu',
  options: { samples: 4 },
  invalidOptions: [{ samples: 0 }, { noiseLevel: 2 }, { score: 'logits' }],
});
