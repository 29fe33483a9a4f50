import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

/**
 * x [N, 2, 3, 4] → a = x·c1 + c2 and b = Relu(x) + c3 (two tensors that both depend on x, with
 * different values), then op(a, b) or op(a, constant) with broadcasting, → Flatten → score. float64.
 */
function binaryModel(op: string, other: 'tensor' | number[]) {
  const g = new TinyGraph('float64');
  const x = g.input('x', ['N', 2, 3, 4]);
  const a = g.node('Add', [g.node('Mul', [x, g.init('c1', [1, 2, 1, 1], [1.5, -0.5])]), g.init('c2', [4], [0.3, -0.2, 0.5, 0.1])]);
  const b = other === 'tensor' ? g.node('Add', [g.node('Relu', [x]), g.init('c3', [], [2])]) : g.init('k', other, undefined);
  g.output(g.node('Flatten', [g.node(op, [a, b])]));
  return g.model();
}

describe('Add, Sub, Mul, Div gradients against finite differences (float64)', () => {
  test.each(['Add', 'Sub', 'Mul', 'Div'])('%s of two tensors that both depend on x', async (op) => {
    const { analytic, numeric } = await gradientCheck(binaryModel(op, 'tensor'));
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test.each([
    ['Add', [1, 2, 1, 1]],
    ['Mul', [2, 1, 4]],
    ['Mul', [4]],
    ['Sub', [3, 1]],
    ['Div', [1, 1, 3, 4]],
  ] as const)('%s by a constant broadcast from %j', async (op, dims) => {
    const { analytic, numeric } = await gradientCheck(binaryModel(op, [...dims]));
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('the constant operand gets no gradient nodes (only the data operand does)', async () => {
    const { graph } = await gradientCheck(binaryModel('Mul', [2, 1, 4]));
    const grads = (graph.graph?.node ?? []).filter((n) => (n.name ?? '').startsWith('visor/'));
    // 'Add_1' is the data operand a, 'k' the constant: dA = dy·k is built, dk = dy·a is not.
    expect(grads.some((n) => n.opType === 'Mul' && n.input?.includes('k'))).toBe(true);
    expect(grads.some((n) => n.opType === 'Mul' && n.input?.includes('Add_1'))).toBe(false);
  });
});

describe('broadcasting reduced back to the input shape', () => {
  test("Mul of x [N,2,3,4] by its own spatial mean [N,2,1,1] sums the mean's gradient over the broadcast axes", async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 2, 3, 4]);
    const pooled = g.node('ReduceMean', [x], [attr.ints('axes', [2, 3])]);
    g.output(g.node('Flatten', [g.node('Mul', [x, pooled])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
