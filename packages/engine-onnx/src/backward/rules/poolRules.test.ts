import { describe, expect, test } from 'vitest';
import type { onnx } from 'onnx-proto';
import { gradientCheck, opTypes, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

/** x [N, c, h, w] → op(attrs) → Flatten → score. */
function poolModel(type: 'float32' | 'float64', op: string, dims: [number, number, number], attrs: onnx.IAttributeProto[]) {
  const g = new TinyGraph(type);
  const x = g.input('x', ['N', ...dims]);
  g.output(g.node('Flatten', [g.node(op, [x], attrs)]));
  return g.model();
}

const k3s2p1 = [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])];

describe('MaxPool gradient (indices + additive scatter) against finite differences (float64)', () => {
  test.each([
    ['3×3/2 pad 1, overlapping windows (the ResNet stem)', [2, 7, 7], k3s2p1],
    ['2×2/2, disjoint windows', [2, 6, 6], [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])]],
    ['3×3/1 pad 1: most inputs are picked by several windows', [1, 5, 5], [attr.ints('kernel_shape', [3, 3]), attr.ints('pads', [1, 1, 1, 1])]],
    ['3×3/2 ceil_mode', [2, 6, 6], [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.int('ceil_mode', 1)]],
    ['2×2 dilation 2', [1, 7, 7], [attr.ints('kernel_shape', [2, 2]), attr.ints('dilations', [2, 2])]],
  ] as const)('%s', async (_name, dims, attrs) => {
    const { analytic, numeric, graph } = await gradientCheck(poolModel('float64', 'MaxPool', [...dims], [...attrs]));
    expect(opTypes(graph)).toContain('ScatterElements');
    expect(opTypes(graph)).not.toContain('MaxUnpool');
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-8);
  });

  test('an input picked by two overlapping windows gets the sum of both gradients', async () => {
    // 1×1×3×3 input with its maximum in the centre: 2×2/1 windows all pick it.
    const x = [0, 1, 0, 2, 9, 3, 0, 4, 0];
    const model = poolModel('float64', 'MaxPool', [1, 3, 3], [attr.ints('kernel_shape', [2, 2])]);
    const { analytic } = await gradientCheck(model, { x, seed: [1, 2, 3, 4] });
    expect(analytic).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0]);
  });

  test('GlobalMaxPool (float32 only in ORT; a step far below the gaps between values)', async () => {
    const { analytic, numeric } = await gradientCheck(poolModel('float32', 'GlobalMaxPool', [3, 4, 5], []), { step: 1e-3 });
    expect(analytic.filter((v) => v !== 0)).toHaveLength(3);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-4);
  });
});

describe('AveragePool gradient against finite differences (float32; linear, so a large step is exact)', () => {
  test.each([
    ['3×3/2 pad 1, count_include_pad = 0 (edge windows divide by fewer)', [2, 7, 7], [...k3s2p1, attr.int('count_include_pad', 0)]],
    ['3×3/2 pad 1, count_include_pad = 1 (always divide by 9)', [2, 7, 7], [...k3s2p1, attr.int('count_include_pad', 1)]],
    ['2×2/2, no padding', [2, 6, 6], [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])]],
    ['3×3/2 ceil_mode, count_include_pad = 0', [1, 6, 6], [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.int('ceil_mode', 1)]],
    ['3×3/2 pad 1 ceil_mode, count_include_pad = 1', [1, 6, 6], [...k3s2p1, attr.int('ceil_mode', 1), attr.int('count_include_pad', 1)]],
    [
      'auto_pad SAME_UPPER 3×3/2, count_include_pad = 0',
      [1, 6, 6],
      [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.string('auto_pad', 'SAME_UPPER')],
    ],
  ] as const)('%s', async (_name, dims, attrs) => {
    const { analytic, numeric } = await gradientCheck(poolModel('float32', 'AveragePool', [...dims], [...attrs]), { step: 0.5 });
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-5);
  });

  test('count_include_pad decides the corner: 3×3/2 pad 1 on 3×3, corner input of a ones seed', async () => {
    // Outputs [2, 2]; the top-left input lies only in window (0, 0), which covers 4 real elements
    // and 5 pad positions: gradient 1/4 without the pad in the count, 1/9 with it.
    const x = new Array(9).fill(0);
    const exclude = await gradientCheck(poolModel('float32', 'AveragePool', [1, 3, 3], [...k3s2p1, attr.int('count_include_pad', 0)]), {
      x,
      seed: [1, 1, 1, 1],
    });
    const include = await gradientCheck(poolModel('float32', 'AveragePool', [1, 3, 3], [...k3s2p1, attr.int('count_include_pad', 1)]), {
      x,
      seed: [1, 1, 1, 1],
    });
    expect(exclude.analytic[0]).toBeCloseTo(1 / 4, 6);
    expect(include.analytic[0]).toBeCloseTo(1 / 9, 6);
  });

  test('GlobalAveragePool', async () => {
    const { analytic, numeric } = await gradientCheck(poolModel('float32', 'GlobalAveragePool', [3, 4, 5], []), { step: 0.5 });
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-5);
  });
});
