import type { GradientRewrite } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { image4x4, logitsOf, tinyCnn } from '../testing/tinyCnn.js';
import { RELU_KERNELS, withGradientRewrite } from './withGradientRewrite.js';

/** The three ReLU rules of the seed report, written as a plugin writes them (plugin-guided-bp owns the real ones). */
const RULES: Record<'guided' | 'deconvnet' | 'backprop', GradientRewrite> = {
  backprop: { id: 'relu:backprop', relu: (ops, u) => ops.mul(u.dy, u.open) },
  deconvnet: {
    id: 'relu:deconvnet',
    relu: (ops, u) => {
      const passed = ops.mul(u.dy, ops.positive(u.dy));
      return u.cap === null ? passed : ops.mul(passed, u.cap);
    },
  },
  guided: { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) },
};
const withReluGradientRule = <T>(rule: keyof typeof RULES, fn: () => T): T => withGradientRewrite(RULES[rule], fn);

/** d score[0, cls] / d x under `rule`, as a tensor. */
function ruleGradient(scores: (x: tf.Tensor4D) => tf.Tensor2D, x: tf.Tensor4D, [cls]: number[], rule: keyof typeof RULES): tf.Tensor {
  return tf.tidy(() => withReluGradientRule(rule, () => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(scores(t as tf.Tensor4D), tf.oneHot([cls!], 2))))(x)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** d/dx Σ dy·op(x) at x, as a plain array. */
function gradOf(op: (x: tf.Tensor) => tf.Tensor, x: number[], dy: number[]): number[] {
  return tf.tidy(() => {
    const w = tf.tensor1d(dy);
    // + 0 turns −0 into 0 (toEqual tells them apart)
    return Array.from(
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(op(t), w)))(tf.tensor1d(x))
        .dataSync(),
      (v) => v + 0,
    );
  });
}

// x = [−1, 2, 3, 7], dy = [5, −2, 4, 4]:  f > 0 for x = 2, 3, 7;  R > 0 for dy = 5, 4, 4.
const X = [-1, 2, 3, 7];
const DY = [5, -2, 4, 4];

describe('withGradientRewrite', () => {
  it('replaces the Relu gradient inside the call and only there', () => {
    expect(gradOf(tf.relu, X, DY)).toEqual([0, -2, 4, 4]); // tfjs: [f>0]·R
    expect(withReluGradientRule('guided', () => gradOf(tf.relu, X, DY))).toEqual([0, 0, 4, 4]); // [f>0][R>0]R
    expect(withReluGradientRule('deconvnet', () => gradOf(tf.relu, X, DY))).toEqual([5, 0, 4, 4]); // [R>0]R
    expect(withReluGradientRule('backprop', () => gradOf(tf.relu, X, DY))).toEqual([0, -2, 4, 4]);
    expect(gradOf(tf.relu, X, DY)).toEqual([0, -2, 4, 4]); // unrelated code after the run: normal again
  });

  it('covers Relu6 and clip(x, 0, m), keeping their ceiling', () => {
    // relu6: f = 7 is above the ceiling → 0 under every rule.
    expect(withReluGradientRule('guided', () => gradOf(tf.relu6, X, DY))).toEqual([0, 0, 4, 0]);
    expect(withReluGradientRule('deconvnet', () => gradOf(tf.relu6, X, DY))).toEqual([5, 0, 4, 0]);
    expect(withReluGradientRule('backprop', () => gradOf(tf.relu6, X, DY))).toEqual([0, -2, 4, 0]);
    const clip05 = (t: tf.Tensor) => tf.clipByValue(t, 0, 5);
    expect(withReluGradientRule('guided', () => gradOf(clip05, X, DY))).toEqual([0, 0, 4, 0]);
    expect(withReluGradientRule('deconvnet', () => gradOf(clip05, X, DY))).toEqual([5, 0, 4, 0]);
  });

  it('leaves clips with another lower bound alone (they are not ReLUs)', () => {
    const clip = (t: tf.Tensor) => tf.clipByValue(t, -2, 5);
    // normal clip gradient: [−2 ≤ x ≤ 5]·dy = [5, −2, 4, 0]
    expect(withReluGradientRule('guided', () => gradOf(clip, X, DY))).toEqual([5, -2, 4, 0]);
  });

  it('restores the very same gradient configs afterwards', () => {
    const before = RELU_KERNELS.map((k) => tf.getGradient(k));
    withReluGradientRule('guided', () => {
      RELU_KERNELS.forEach((k, i) => expect(tf.getGradient(k)).not.toBe(before[i]));
    });
    RELU_KERNELS.forEach((k, i) => expect(tf.getGradient(k)).toBe(before[i]));
  });

  it('restores the registry when the function throws', () => {
    const before = RELU_KERNELS.map((k) => tf.getGradient(k));
    expect(() =>
      withReluGradientRule('guided', () =>
        tf.grad((t: tf.Tensor) => {
          tf.relu(t);
          throw new Error('boom inside tf.grad');
        })(tf.tensor1d(X)),
      ),
    ).toThrow('boom inside tf.grad');
    RELU_KERNELS.forEach((k, i) => expect(tf.getGradient(k)).toBe(before[i]));
    expect(gradOf(tf.relu, X, DY)).toEqual([0, -2, 4, 4]);
  });

  it('restores the outer rule after a nested call', () => {
    withReluGradientRule('deconvnet', () => {
      expect(withReluGradientRule('guided', () => gradOf(tf.relu, X, DY))).toEqual([0, 0, 4, 4]);
      expect(gradOf(tf.relu, X, DY)).toEqual([5, 0, 4, 4]);
    });
    expect(gradOf(tf.relu, X, DY)).toEqual([0, -2, 4, 4]);
  });

  it('refuses an async function and a rewrite without a relu rule', () => {
    const before = tf.getGradient('Relu');
    expect(() => withReluGradientRule('guided', async () => 1)).toThrow(/synchronous/);
    expect(tf.getGradient('Relu')).toBe(before);
    expect(() => withGradientRewrite({ id: 'broken' } as never, () => 1)).toThrow(/rewrite "broken" has no relu\(ops, unit\) function/);
  });

  it('runs fn unchanged without a rewrite', () => {
    expect(withGradientRewrite(undefined, () => gradOf(tf.relu, X, DY))).toEqual([0, -2, 4, 4]);
  });
});

describe('the model is left untouched', () => {
  const X4 = [
    [1, 2, 0, 0],
    [-1, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, -1],
  ];

  it('predictions are identical before, during and after the rewrite', () => {
    const model = tinyCnn('fused-relu', [2, -1, 3, -4]);
    const x = image4x4(X4);
    const before = (model.predict(x) as tf.Tensor).dataSync().slice();
    const during = withReluGradientRule('guided', () => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync().slice()));
    const g = ruleGradient(logitsOf(model), x, [0], 'guided');
    const after = (model.predict(x) as tf.Tensor).dataSync().slice();
    expect(Array.from(during)).toEqual(Array.from(before));
    expect(Array.from(after)).toEqual(Array.from(before));
    tf.dispose([x, g]);
    model.dispose();
  });

  it('the original model still trains normally after a guided run', () => {
    // One SGD step (lr 0.1, MSE) on the tiny CNN. The expected conv-kernel update is computed with
    // tfjs's normal gradients BEFORE any rewrite. The target makes the gradient at the ReLU negative
    // on an active unit (z01 = 2.5, head weight −1 for class 0 … see ruleGradient.test.ts), so a
    // leftover guided/deconvnet gradient would change the update.
    const model = tinyCnn('fused-relu', [2, -1, 3, -4]);
    const x = image4x4(X4);
    const y = tf.tensor2d([[5, 0]]);
    const kernel = model.getLayer('conv').getWeights()[0]!.clone(); // the variable is updated in place by fit
    const { grads, value } = tf.variableGrads(
      () => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      [model.getLayer('conv').trainableWeights[0]!.read() as tf.Variable],
    );
    const dK = Object.values(grads)[0]!;
    const expected = tf.sub(kernel, tf.mul(dK, 0.1));

    const g = ruleGradient(logitsOf(model), x, [0], 'guided');
    const guidedDiffers = tf.tidy(() => {
      const plain = withReluGradientRule('backprop', () =>
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(logitsOf(model)(t as tf.Tensor4D), tf.tensor2d([[1, 0]]))))(x),
      );
      return tf.max(tf.abs(tf.sub(plain, g))).dataSync()[0];
    });
    expect(guidedDiffers).toBeGreaterThan(0.5); // the rewrite did do something

    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    return model.fit(x, y, { epochs: 1, batchSize: 1, verbose: 0 }).then((h) => {
      expect(Number.isFinite(h.history.loss![0]! as number)).toBe(true);
      const trained = model.getLayer('conv').getWeights()[0]!;
      const diff = tf.max(tf.abs(tf.sub(trained, expected))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-5);
      // and the step really moved the kernel (so the comparison above is not vacuous)
      expect(tf.max(tf.abs(tf.sub(trained, kernel))).dataSync()[0]!).toBeGreaterThan(1e-3);
      tf.dispose([x, y, kernel, dK, value, expected, g]); // `trained` is the model's own variable
      model.dispose();
    });
  });

  it('leaks no tensor over 50 runs', () => {
    const model = tinyCnn('relu-max6', [2, -1, 3, 4]);
    const x = image4x4(X4);
    ruleGradient(logitsOf(model), x, [0], 'guided').dispose(); // warm-up
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const rule = (['guided', 'deconvnet', 'backprop'] as const)[i % 3]!;
      ruleGradient(logitsOf(model), x, [i % 2], rule).dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
    model.dispose();
  });
});
