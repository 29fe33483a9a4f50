import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { TinyGraph } from '../../tinyGraph.testkit.js';

/** x [N, 2, 4, 5] → Square → op → Flatten → score (float64). */
function model(build: (g: TinyGraph, x: string) => string, opset = 17) {
  const g = new TinyGraph('float64', opset);
  const x = g.input('x', ['N', 2, 4, 5]);
  g.output(g.node('Flatten', [build(g, g.node('Mul', [x, x]))]));
  return g.model();
}

describe('Pad and Slice gradients against finite differences (float64)', () => {
  test('Pad, constant mode, asymmetric spatial pads', async () => {
    const m = model((g, t) => g.node('Pad', [t, g.ints('pads', [0, 0, 1, 2, 0, 0, 3, 0])]));
    const { analytic, numeric } = await gradientCheck(m);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('Pad with negative pads (a crop) and axes', async () => {
    const m = model((g, t) => g.node('Pad', [t, g.ints('pads', [-1, 2, 1, -2]), '', g.ints('axes', [2, 3])]), 18);
    const { analytic, numeric } = await gradientCheck(m);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('Slice (a crop) pads the gradient back with zeros', async () => {
    const m = model((g, t) => g.node('Slice', [t, g.ints('starts', [1, -4]), g.ints('ends', [3, 100]), g.ints('axes', [2, 3])]));
    const { analytic, numeric } = await gradientCheck(m);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
    expect(analytic.filter((v) => v === 0).length).toBeGreaterThan(0);
  });
});
