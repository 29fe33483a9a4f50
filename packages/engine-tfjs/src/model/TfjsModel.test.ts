import type { GradientRewrite, NdArray } from '@visor/core';
import { isVisorError } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { residualNet } from '../testing/residualNet.js';
import { wrapLayersModel } from './wrapModel.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const GUIDED: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };

// x (3 values, as a 1×1×3 image) → z = W1ᵀx + b1 (4 units) → h = relu(z) → y = W2ᵀh + b2 (2 logits, linear).
const W1 = [
  [1, -1, 0.5, 2],
  [0, 2, -1, 1],
  [-1, 1, 1, -0.5],
]; // [in 3, out 4]
const B1 = [0.1, -0.2, 0.3, -3];
const W2 = [
  [1, -2],
  [-1, 1],
  [-2, 0.5],
  [1, 1],
]; // [in 4, out 2]
const B2 = [0, 0.5];

function mlp(activation: 'relu' | 'linear' = 'relu', final: 'linear' | 'softmax' = 'linear', hidden: 'dense' | 'leaky' = 'dense') {
  const m = tf.sequential();
  m.add(tf.layers.flatten({ inputShape: [1, 1, 3], name: 'flat' }));
  m.add(tf.layers.dense({ units: 4, activation: hidden === 'leaky' ? 'linear' : activation, name: 'hidden' }));
  if (hidden === 'leaky') m.add(tf.layers.leakyReLU({ alpha: 0.1, name: 'leaky' }));
  m.add(tf.layers.dense({ units: 2, activation: final, name: 'out' }));
  const w = [tf.tensor2d(W1), tf.tensor1d(B1), tf.tensor2d(W2), tf.tensor1d(B2)];
  m.setWeights(w);
  tf.dispose(w);
  return wrapLayersModel(m, 'mlp', { owned: true });
}

const X = [0.5, -1, 2];
const batch = (x: number[]): NdArray => ({ data: Float32Array.from(x), shape: [1, 1, 1, 3] });
/** z = W1ᵀx + b1, by hand. */
const preact = (x: number[]) => B1.map((b, j) => b + x.reduce((s, xi, i) => s + xi * W1[i]![j]!, 0));

describe('TfjsModel', () => {
  it('runs logits, probabilities and a layer as NdArrays', async () => {
    const model = mlp('relu', 'softmax');
    const z = preact(X);
    const h = z.map((v) => Math.max(0, v));
    const y = [0, 1].map((c) => B2[c]! + h.reduce((s, hj, j) => s + hj * W2[j]![c]!, 0));
    const [logits, probs, hidden] = await model.run(batch(X), ['logits', 'probabilities', 'hidden']);
    expect(logits!.shape).toEqual([1, 2]);
    y.forEach((v, c) => expect(logits!.data[c]!).toBeCloseTo(v, 5));
    const e = y.map(Math.exp);
    e.forEach((v, c) => expect(probs!.data[c]!).toBeCloseTo(v / (e[0]! + e[1]!), 6));
    expect(hidden!.shape).toEqual([1, 4]);
    h.forEach((v, j) => expect(hidden!.data[j]!).toBeCloseTo(v, 5));
    await model.dispose();
  });

  it('input gradients per seed: d y_c / d x = W1 · ([z > 0] ⊙ W2[:, c]), by hand; guided adds [R > 0]', async () => {
    const model = mlp();
    const z = preact(X); // [−1.4, −0.7, 3.55, −4]: only unit 2 passes, and W2[2, 0] = −2 < 0
    const open = z.map((v) => (v > 0 ? 1 : 0));
    const expected = (c: number, guided: boolean) =>
      W1.map((row) => row.reduce((s, w, j) => s + w * open[j]! * (guided && W2[j]![c]! <= 0 ? 0 : W2[j]![c]!), 0));
    const res = await model.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0), Float32Array.of(0, 1)] });
    expect(res.gradients).toHaveLength(2);
    expect(res.value.shape).toEqual([1, 1, 1, 3]);
    expect(Array.from(res.value.data)).toEqual(X);
    [0, 1].forEach((c) => expected(c, false).forEach((v, i) => expect(res.gradients[c]!.data[i]).toBeCloseTo(v, 5)));
    const guided = await model.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0), Float32Array.of(0, 1)], rewrite: GUIDED });
    [0, 1].forEach((c) => expected(c, true).forEach((v, i) => expect(guided.gradients[c]!.data[i]).toBeCloseTo(v, 5)));
    // the rewrite really changed something for class 0 (W2[:, 0] has a negative entry on an open unit)
    expect(expected(0, true)).not.toEqual(expected(0, false));
    await model.dispose();
  });

  it('layer gradients: d y_c / d h = W2[:, c] (the part after the layer is linear), value = h', async () => {
    const model = mlp();
    const res = await model.gradients(batch(X), { score: 'logit', wrt: 'hidden', seeds: [Float32Array.of(0, 1)] });
    const h = preact(X).map((v) => Math.max(0, v));
    h.forEach((v, j) => expect(res.value.data[j]).toBeCloseTo(v, 5));
    W2.forEach((row, j) => expect(res.gradients[0]!.data[j]).toBeCloseTo(row[1]!, 6));
    expect(Array.from(res.scores.shape)).toEqual([1, 2]);
    await model.dispose();
  });

  it('layer gradients of a residual net equal the unoptimised tf.grad (side inputs recomputed)', async () => {
    const tfModel = residualNet();
    const model = wrapLayersModel(tfModel, 'residual', { owned: true });
    const x = { data: new Float32Array(2 * 8 * 8 * 3).map((_, i) => Math.cos(i * 0.7)), shape: [2, 8, 8, 3] };
    const seed = Float32Array.from({ length: 10 }, (_, i) => (i === 3 || i === 5 + 1 ? 1 : 0));
    const res = await model.gradients(x, { score: 'probability', wrt: 'block_a', seeds: [seed] });
    // reference: build the part after block_a as a function of block_a, recomputing the shortcut from x each time
    const ref = tf.tidy(() => {
      const input = tf.tensor4d(x.data, [2, 8, 8, 3]);
      const a0 = model.net.run(input, ['block_a'])[0]!;
      const f = (a: tf.Tensor) => tf.sum(tf.mul(model.net.run(input, ['probabilities'], { block_a: a })[0]!, tf.tensor2d(seed, [2, 5])));
      return Array.from(tf.grad(f)(a0).dataSync());
    });
    const got = Array.from(res.gradients[0]!.data);
    const scale = Math.max(...ref.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    got.forEach((v, i) => expect(Math.abs(v - ref[i]!)).toBeLessThan(1e-6 * scale + 1e-9));
    await model.dispose();
  });

  it('refuses probability on a linear head, a ReLU rewrite on a LeakyReLU net, a bad seed', async () => {
    const model = mlp();
    await expect(model.gradients(batch(X), { score: 'probability', wrt: 'input', seeds: [Float32Array.of(1, 0)] })).rejects.toThrow(
      /score "probability" is not defined for a model with a linear output/,
    );
    await expect(model.run(batch(X), ['probabilities'])).rejects.toThrow(/linear output/);
    await expect(model.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1)] })).rejects.toThrow(/expected 1×2/);
    const leaky = mlp('relu', 'linear', 'leaky');
    const e = await leaky.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0)], rewrite: GUIDED }).catch((err) => err);
    expect(isVisorError(e)).toBe(true);
    expect(e.message).toMatch(/rewrites ReLU gradients only.*leaky \(leaky_relu\)/);
    // without the rewrite, the plain gradient is fine
    await expect(leaky.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0)] })).resolves.toBeDefined();
    await model.dispose();
    await leaky.dispose();
  });

  it('frees what it allocates: memory() unchanged after run and gradients', async () => {
    const model = mlp();
    const before = model.memory();
    await model.run(batch(X), ['logits', 'hidden']);
    await model.gradients(batch(X), { score: 'logit', wrt: 'hidden', seeds: [Float32Array.of(1, 0), Float32Array.of(0, 1)], rewrite: GUIDED });
    await model.gradients(batch(X), { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0)] });
    expect(model.memory()).toEqual(before);
    await model.dispose();
  });

  it('withRandomWeights: a copy with the named layers re-initialised (Glorot kernel, zero bias); the model is unchanged', async () => {
    const model = mlp();
    const [before] = await model.run(batch(X), ['logits']);
    const copy = await model.withRandomWeights(['out'], 3);
    const [kernel, bias] = copy.weights('out');
    const limit = Math.sqrt(6 / (4 + 2));
    expect(kernel!.shape).toEqual([4, 2]);
    expect(Array.from(kernel!.data).every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(Array.from(kernel!.data)).not.toEqual(W2.flat());
    expect(Array.from(bias!.data)).toEqual([0, 0]);
    expect(Array.from(copy.weights('hidden')[0]!.data)).toEqual(W1.flat());
    const [after] = await model.run(batch(X), ['logits']);
    expect(Array.from(after!.data)).toEqual(Array.from(before!.data));
    // seeded: the same seed gives the same copy
    const again = await model.withRandomWeights(['out'], 3);
    expect(Array.from(again.weights('out')[0]!.data)).toEqual(Array.from(kernel!.data));
    await Promise.all([copy.dispose(), again.dispose(), model.dispose()]);
  });
});
