import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

describe('Concat gradient against finite differences (float64)', () => {
  test.each([1, 3, -1])('three inputs along axis %i, one of them twice', async (axis) => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 2, 3, 3]);
    const a = g.node('Mul', [x, g.init('c', [1, 2, 1, 1], [2, -3])]);
    const b = g.node('Relu', [x]);
    const y = g.node('Concat', [a, b, a], [attr.int('axis', axis)]);
    g.output(g.node('Flatten', [g.node('Mul', [y, y])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
