import type { GradientRewrite } from '@visor/core';
import { describe, expect, test } from 'vitest';
import { gradientCheck, opTypes } from '../gradientCheck.testkit.js';
import { TinyGraph } from '../tinyGraph.testkit.js';

const guided: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };

/** x [N, 8] → Relu → ·w (element-wise) → score [N, 8]: with seed 1, R at the ReLU is w. */
function reluTimesW(type: 'float32' | 'float64', w: number[]) {
  const g = new TinyGraph(type);
  const x = g.input('x', ['N', 8]);
  g.output(g.node('Mul', [g.node('Relu', [x]), g.init('w', [8], w)]));
  return g.model();
}

// y = 0 (closed), the smallest positive normal float32, tiny, 1, near the float32 maximum, negative, −0, 5.
const x = [0, 2 ** -126, 1e-30, 1, 3e38, -1, -0, 5];
const w = [1, -1, 2, -2, 3, 4, 5, -6];
const seed = new Array(8).fill(1);

describe('ReLU masks from per-channel affine maps (reluMasks.ts), exactly [y > 0]', () => {
  for (const type of ['float32', 'float64'] as const) {
    test(`${type}: plain gradient w·[x > 0]`, async () => {
      const { analytic, graph } = await gradientCheck(reluTimesW(type, w), { x, seed });
      expect(analytic).toEqual([0, -1, 2, -2, 3, 0, 0, -6]);
      expect(opTypes(graph)).not.toContain('Greater');
    });

    test(`${type}: guided [x > 0]·[w > 0]·w as Relu(w + guard)`, async () => {
      const { analytic, graph } = await gradientCheck(reluTimesW(type, w), { x, seed, rewrite: guided });
      expect(analytic).toEqual([0, 0, 2, 0, 3, 0, 0, 0]);
      // The open mask itself is never emitted: the guard replaces the multiplication.
      expect(opTypes(graph).filter((op) => op === 'BatchNormalization')).toHaveLength(2);
      expect(opTypes(graph)).not.toContain('Greater');
    });
  }
});
