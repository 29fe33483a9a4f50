import type { GradientRewrite } from '@visor/core';
import { describe, expect, test } from 'vitest';
import { gradientCheck, opTypes, relativeError } from '../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../tinyGraph.testkit.js';

// The three rules as plugin-guided-bp states them (GradientRewrite's doc), written here independently.
const backprop: GradientRewrite = { id: 'relu:backprop', relu: (ops, u) => ops.mul(u.dy, u.open) };
const deconvnet: GradientRewrite = {
  id: 'relu:deconvnet',
  relu: (ops, u) => {
    const r = ops.mul(u.dy, ops.positive(u.dy));
    return u.cap ? ops.mul(r, u.cap) : r;
  },
};
const guided: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };

/**
 * x [N, 3] → Relu → ·Wᵀ (W is 4×3) → Clip(0, 6) → score [N, 4]. With x = (2, −1, 1): h = (2, 0, 1),
 * z = W h = (5, −1, 9, 3): an open unit, a closed one, a capped one and an open one.
 */
function reluClipModel() {
  const g = new TinyGraph('float64');
  const x = g.input('x', ['N', 3]);
  const wt = g.init('wt', [3, 4], [1, -1, 4, 1, 5, 2, 1, -3, 3, 1, 1, 1]);
  const z = g.node('MatMul', [g.node('Relu', [x], [], 'relu'), wt]);
  g.output(g.node('Clip', [z, g.init('lo', [], [0]), g.init('hi', [], [6])], [], 'relu6'));
  return g.model();
}

const x = [2, -1, 1];
const seed = [2, 1, 4, -3];

describe('the ReLU rewrite on a ReLU and a Clip(0, 6), worked by hand', () => {
  // Clip unit: f = z = (5, −1, 9, 3), R = seed = (2, 1, 4, −3); open = [f>0][f≤6] = (1, 0, 0, 1), cap = [f≤6] = (1, 1, 0, 1).
  // Back through W: R₂ = Σᵢ Rcᵢ W[i]. ReLU unit: f = x = (2, −1, 1), open = (1, 0, 1).
  test('backprop: open·R at both units = the plain gradient', async () => {
    // Rc = (2, 0, 0, −3); R₂ = 2·(1, 5, 3) − 3·(1, −3, 1) = (−1, 19, 3); dx = open·R₂ = (−1, 0, 3).
    const rewritten = await gradientCheck(reluClipModel(), { x, seed, rewrite: backprop });
    expect(rewritten.analytic).toEqual([-1, 0, 3]);
    const plain = await gradientCheck(reluClipModel(), { x, seed });
    expect(plain.analytic).toEqual([-1, 0, 3]);
    expect(relativeError(plain.analytic, plain.numeric)).toBeLessThan(1e-7);
  });

  test('deconvnet: [R>0]·R, with the cap mask [f≤cap] at the Clip', async () => {
    // Rc = cap·[R>0]·R = (2, 1, 0, 0); R₂ = 2·(1, 5, 3) + 1·(−1, 2, 1) = (1, 12, 7); dx = [R₂>0]·R₂ = (1, 12, 7).
    const { analytic, graph } = await gradientCheck(reluClipModel(), { x, seed, rewrite: deconvnet });
    expect(analytic).toEqual([1, 12, 7]);
    // deconvnet never reads `open`: no open mask [f > 0] is emitted (only the Clip's cap [f ≤ 6]).
    expect(opTypes(graph)).not.toContain('Greater');
    expect(opTypes(graph).filter((op) => op === 'LessOrEqual')).toHaveLength(1);
  });

  test('guided: open·[R>0]·R', async () => {
    // Rc = open·[R>0]·R = (2, 0, 0, 0); R₂ = 2·(1, 5, 3) = (2, 10, 6); dx = open·[R₂>0]·R₂ = (2, 0, 6).
    const { analytic, graph } = await gradientCheck(reluClipModel(), { x, seed, rewrite: guided });
    expect(analytic).toEqual([2, 0, 6]);
    // [R>0]·R is emitted as Relu(R) at the Clip unit, with its open mask [f > 0] as Cast(Greater). At the
    // Relu unit open·[R>0]·R is one Relu(R + guard), the guard −G·[y = 0] from two per-channel affine maps
    // (BatchNormalization) and the Relu of the closed mask (reluMasks.ts): Relus = forward, Clip unit,
    // Relu unit, closed mask.
    expect(opTypes(graph).filter((op) => op === 'Relu')).toHaveLength(4);
    expect(opTypes(graph).filter((op) => op === 'Greater')).toHaveLength(1);
    expect(opTypes(graph).filter((op) => op === 'BatchNormalization')).toHaveLength(2);
  });

  test('the scores come from the same forward pass', async () => {
    const { scores } = await gradientCheck(reluClipModel(), { x, seed, rewrite: guided });
    expect(scores).toEqual([5, 0, 6, 3]);
  });
});

describe('rectifiers the ReLU rewrite does not cover', () => {
  function leakyModel() {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 3]);
    const h = g.node('LeakyRelu', [x], [attr.float('alpha', 0.1)], 'stage1/leaky');
    g.output(g.node('Relu', [g.node('MatMul', [h, g.init('w', [3, 2])])], [], 'head/relu'));
    return g.model();
  }

  test('a LeakyRelu on the way back refuses the rewrite, naming the layer', async () => {
    await expect(gradientCheck(leakyModel(), { rewrite: guided })).rejects.toThrow(/relu:guided.*'stage1\/leaky' \(LeakyRelu\)/);
  });

  test('without a rewrite the LeakyRelu is differentiated normally', async () => {
    const { analytic, numeric } = await gradientCheck(leakyModel());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('a LeakyRelu before wrt is not on the way back and does not matter', async () => {
    const { analytic } = await gradientCheck(leakyModel(), { rewrite: guided, wrt: 'stage1/leaky' });
    expect(analytic.length).toBe(3);
  });

  test('the swish pattern x·Sigmoid(x) is refused too', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 3]);
    const swish = g.node('Mul', [x, g.node('Sigmoid', [x])], [], 'block/swish');
    g.output(g.node('Relu', [swish]));
    await expect(gradientCheck(g.model(), { rewrite: deconvnet })).rejects.toThrow(/'block\/swish' \(swish x·Sigmoid\(x\)\)/);
  });
});
