import { describe, expect, test } from 'vitest';
import { gradientCheck, relativeError } from '../../gradientCheck.testkit.js';
import { attr, TinyGraph } from '../../tinyGraph.testkit.js';

describe('Gemm and MatMul gradients against finite differences (float64)', () => {
  test.each([
    ['transB = 1 (a PyTorch Linear), alpha, beta, bias [K]', 0, 1, [5], 0.7, 1.3],
    ['transB = 0, bias [1, K]', 0, 0, [1, 5], 1, 1],
    ['transA = 1 (x enters transposed), transB = 1', 1, 1, [5], 2, 0.5],
  ] as const)('Gemm, %s', async (_name, transA, transB, biasDims, alpha, beta) => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 6]);
    // With transA = 1 Gemm reads A = xᵀ [6, N] as A' = x.
    const a = transA ? g.node('Transpose', [x]) : x;
    const w = g.init('w', transB ? [5, 6] : [6, 5]);
    g.output(
      g.node(
        'Gemm',
        [a, w, g.init('c', [...biasDims])],
        [attr.int('transA', transA), attr.int('transB', transB), attr.float('alpha', alpha), attr.float('beta', beta)],
      ),
    );
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('Gemm with a weight that depends on x too (dB is built); fixed batch 1', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', [1, 4]);
    const square = g.node('Gemm', [x, g.node('Mul', [x, g.init('c', [4])])], [attr.int('transA', 1)]); // [4, 4] = xᵀ(x·c)
    g.output(g.node('Reshape', [square, g.ints('s', [1, 16])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('MatMul of a 3-D activation by a constant matrix, then a bias Add', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', ['N', 3, 4]);
    const y = g.node('Add', [g.node('MatMul', [x, g.init('w', [4, 5])]), g.init('b', [5])]);
    g.output(g.node('Flatten', [y]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });

  test('MatMul of two tensors that depend on x, with a broadcast batch axis; fixed batch 1', async () => {
    const g = new TinyGraph('float64');
    const x = g.input('x', [1, 3, 4]);
    const left = g.node('Mul', [x, g.init('c', [1, 3, 4])]); // [N, 3, 4]
    const right = g.node('Transpose', [g.node('ReduceSum', [x, g.ints('ax', [0])], [attr.int('keepdims', 0)])]); // [4, 3], no batch
    g.output(g.node('Flatten', [g.node('MatMul', [left, right])]));
    const { analytic, numeric } = await gradientCheck(g.model());
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
  });
});
