import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

/** x [N, 2, 3, 4] → x·c (so every position has its own slope) → op → score [N, K] (float64). */
function model(build: (g: TinyGraph, x: string) => string) {
  const g = new TinyGraph('float64');
  const x = g.input('x', ['N', 2, 3, 4]);
  g.output(build(g, g.node('Mul', [x, g.init('c', [2, 3, 4])])));
  return g.model();
}

describe('shape op gradients against finite differences (float64)', () => {
  test.each([
    ['Flatten', (g: TinyGraph, t: string) => g.node('Flatten', [t])],
    ['Reshape with 0 and -1', (g: TinyGraph, t: string) => g.node('Reshape', [t, g.ints('shape', [0, -1])])],
    ['Transpose (0, 2, 3, 1) then Flatten', (g: TinyGraph, t: string) => g.node('Flatten', [g.node('Transpose', [t], [attr.ints('perm', [0, 2, 3, 1])])])],
    [
      'Unsqueeze then Squeeze then Flatten',
      (g: TinyGraph, t: string) => g.node('Flatten', [g.node('Squeeze', [g.node('Unsqueeze', [t, g.ints('ua', [2])]), g.ints('sa', [2])])]),
    ],
    ['Identity and Dropout then Flatten', (g: TinyGraph, t: string) => g.node('Flatten', [g.node('Dropout', [g.node('Identity', [t])])])],
  ])('%s', async (_name, build) => {
    const { analytic, numeric } = await gradientCheck(model(build));
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
