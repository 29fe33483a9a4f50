import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

/** x [N, 2, 3, 3] scaled to [-8, 8) → op → Flatten → score (float64), so Clip(0, 6) sees every region. */
function model(build: (g: TinyGraph, x: string) => string) {
  const g = new TinyGraph('float64');
  const x = g.input('x', ['N', 2, 3, 3]);
  g.output(g.node('Flatten', [build(g, g.node('Mul', [x, g.init('eight', [], [8])]))]));
  return g.model();
}

describe('activation gradients against finite differences (float64)', () => {
  test.each([
    ['Relu', (g: TinyGraph, t: string) => g.node('Relu', [t])],
    ['Clip(0, 6) (ReLU6, bounds as inputs)', (g: TinyGraph, t: string) => g.node('Clip', [t, g.init('lo', [], [0]), g.init('hi', [], [6])])],
    ['Clip(0) without a max', (g: TinyGraph, t: string) => g.node('Clip', [t, g.init('lo', [], [0])])],
    ['Clip(-2, 3)', (g: TinyGraph, t: string) => g.node('Clip', [t, g.init('lo', [], [-2]), g.init('hi', [], [3])])],
    ['LeakyRelu α = 0.2', (g: TinyGraph, t: string) => g.node('LeakyRelu', [t], [attr.float('alpha', 0.2)])],
    ['Sigmoid', (g: TinyGraph, t: string) => g.node('Sigmoid', [t])],
    ['Tanh', (g: TinyGraph, t: string) => g.node('Tanh', [g.node('Mul', [t, g.init('s', [], [0.2])])])],
  ])('%s', async (_name, build) => {
    const { analytic, numeric } = await gradientCheck(model(build));
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('a model below opset 13 is refused for gradients, naming its opset', async () => {
    const g = new TinyGraph('float32', 10);
    const x = g.input('x', ['N', 4]);
    g.output(g.node('Clip', [x], [attr.float('min', 0), attr.float('max', 0.5)]));
    await expect(gradientCheck(g.model())).rejects.toThrow(/opset 10; Visor builds gradients for opset 13 and later/);
  });
});
