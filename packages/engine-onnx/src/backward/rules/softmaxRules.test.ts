import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

describe('Softmax and LogSoftmax gradients against finite differences (float64)', () => {
  test.each(['Softmax', 'LogSoftmax'])('%s over the classes of a [N, 7] score', async (op) => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 7]);
    g.output(g.node(op, [g.node('Mul', [x, g.init('c', [7], [3, -2, 1, 4, 0.5, -1, 2])])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('Softmax over axis 1 of [N, 3, 4] (not the last axis)', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 3, 4]);
    g.output(g.node('Flatten', [g.node('Softmax', [x], [attr.int('axis', 1)])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
