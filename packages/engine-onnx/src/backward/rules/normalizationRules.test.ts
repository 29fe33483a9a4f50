import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

describe('BatchNormalization (inference) gradient', () => {
  test('against finite differences (float64) with non-trivial statistics', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 3, 4, 4]);
    const y = g.node(
      'BatchNormalization',
      [
        x,
        g.init('gamma', [3], [1.5, -0.7, 0.2]),
        g.init('beta', [3], [0.1, 0.2, -0.3]),
        g.init('mean', [3], [0.5, -0.2, 0.1]),
        g.init('var', [3], [0.8, 2.5, 0.05]),
      ],
      [attr.float('epsilon', 1e-3)],
    );
    g.output(g.node('Flatten', [g.node('Mul', [y, y])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('is the per-channel scale γ/√(σ²+ε), worked by hand', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 2, 1, 1]);
    const y = g.node(
      'BatchNormalization',
      [x, g.init('gamma', [2], [3, 2]), g.init('beta', [2], [5, 5]), g.init('mean', [2], [1, 1]), g.init('var', [2], [3, 15])],
      [attr.float('epsilon', 1)],
    );
    g.output(g.node('Flatten', [y]));
    const { analytic } = await gradientCheck(g.model(), { x: [0, 0], seed: [1, 10] });
    expect(analytic[0]).toBeCloseTo(3 / 2, 12); // 3 / √(3 + 1)
    expect(analytic[1]).toBeCloseTo((10 * 2) / 4, 12); // 10 · 2 / √(15 + 1)
  });
});
