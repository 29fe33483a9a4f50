import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

describe('ReduceMean and ReduceSum gradients against finite differences (float64)', () => {
  test.each([
    ['ReduceMean over the spatial axes, keepdims 0 (a global average pool)', 'ReduceMean', [2, 3], 0, 18],
    ['ReduceMean over the spatial axes, keepdims 1', 'ReduceMean', [2, 3], 1, 18],
    ['ReduceMean over the channel axis, axes as attribute (opset 13)', 'ReduceMean', [1], 1, 13],
    ['ReduceSum over axes -1, keepdims 0', 'ReduceSum', [-1], 0, 13],
  ] as const)('%s', async (_name, op, axes, keepdims, opset) => {
    const g = new TinyGraph('float64', opset);
    const x = g.input('x', ['N', 3, 4, 5]);
    const axesAsInput = op === 'ReduceSum' || opset >= 18;
    const reduced = axesAsInput
      ? g.node(op, [x, g.ints('axes', [...axes])], [attr.int('keepdims', keepdims)])
      : g.node(op, [x], [attr.ints('axes', [...axes]), attr.int('keepdims', keepdims)]);
    g.output(g.node('Flatten', [g.node('Mul', [reduced, reduced])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
