import { describe, expect, test } from 'vitest';
import { gradientCheck, opTypes, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

/**
 * x [N, cin, h, w] → Conv(attrs) → Flatten → score. ORT's Conv is float32 only; Conv is linear, so
 * a step of 0.5 is exact up to rounding. Stride-1 gradients are built as a Conv with the flipped
 * kernel, the others as a ConvTranspose: the table says which.
 */
function convModel(cin: number, cout: number, h: number, w: number, kernel: [number, number], attrs: ReturnType<typeof attr.ints>[], group = 1) {
  const g = new TinyGraph('float32');
  const x = g.input('x', ['N', cin, h, w]);
  const weights = g.init('w', [cout, cin / group, ...kernel]);
  const bias = g.init('b', [cout]);
  const y = g.node('Conv', [x, weights, bias], [...attrs, attr.int('group', group)]);
  g.output(g.node('Flatten', [y]));
  return g.model();
}

describe('Conv input gradient against finite differences', () => {
  test.each([
    ['3×3, stride 1, pad 1', 3, 4, 6, 6, [3, 3], [attr.ints('pads', [1, 1, 1, 1])], 1, 'Conv'],
    [
      '3×3, stride 2, pad 1, odd size (stride remainder → output_padding)',
      2,
      3,
      7,
      8,
      [3, 3],
      [attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])],
      1,
      'ConvTranspose',
    ],
    ['7×7/2 pad 3 (the ResNet stem)', 3, 2, 9, 9, [7, 7], [attr.ints('strides', [2, 2]), attr.ints('pads', [3, 3, 3, 3])], 1, 'ConvTranspose'],
    ['asymmetric pads, stride (2, 3)', 2, 2, 8, 9, [3, 2], [attr.ints('strides', [2, 3]), attr.ints('pads', [0, 1, 2, 0])], 1, 'ConvTranspose'],
    ['dilation 2', 2, 3, 8, 8, [3, 3], [attr.ints('dilations', [2, 2]), attr.ints('pads', [2, 2, 2, 2])], 1, 'Conv'],
    ['grouped (2 groups), stride 2', 4, 6, 6, 6, [3, 3], [attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])], 2, 'ConvTranspose'],
    ['depthwise (group = channels)', 3, 6, 5, 5, [3, 3], [attr.ints('pads', [1, 1, 1, 1])], 3, 'Conv'],
    ['auto_pad SAME_UPPER, stride 2', 2, 2, 7, 7, [3, 3], [attr.ints('strides', [2, 2]), attr.string('auto_pad', 'SAME_UPPER')], 1, 'ConvTranspose'],
    ['auto_pad SAME_LOWER, stride 2, even size', 2, 2, 6, 6, [2, 2], [attr.ints('strides', [2, 2]), attr.string('auto_pad', 'SAME_LOWER')], 1, 'ConvTranspose'],
    ['1×1 stride 2 (a ResNet downsample)', 4, 3, 7, 7, [1, 1], [attr.ints('strides', [2, 2])], 1, 'ConvTranspose'],
    ['3×3, stride 1, pad 3 (more than the kernel reaches: no flipped Conv)', 2, 2, 5, 5, [3, 3], [attr.ints('pads', [3, 3, 3, 3])], 1, 'ConvTranspose'],
    ['2 grouped, stride 1, asymmetric pads', 4, 6, 6, 7, [3, 2], [attr.ints('pads', [2, 0, 0, 1])], 2, 'Conv'],
  ] as const)('%s: backward as %s', async (_name, cin, cout, h, w, kernel, attrs, group, backwardOp) => {
    const model = convModel(cin, cout, h, w, [...kernel] as [number, number], [...attrs], group);
    const { analytic, numeric, graph } = await gradientCheck(model, { step: 0.5 });
    expect(opTypes(graph).filter((op) => op === 'Conv' || op === 'ConvTranspose')).toEqual(['Conv', backwardOp]);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-5);
  });

  test('no weight gradient is built: one backward convolution per forward one', async () => {
    const { graph } = await gradientCheck(convModel(2, 2, 5, 5, [3, 3], [attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]), { step: 0.5 });
    expect(opTypes(graph).filter((op) => op === 'Conv' || op === 'ConvTranspose')).toEqual(['Conv', 'ConvTranspose']);
  });
});
