import { attr, attrFloat, attrInt } from '../../proto/attributes.js';
import { reduceToShape } from '../broadcast.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/**
 * Gemm, Y = α·A'·B' + β·C with A' = transA ? Aᵀ : A and B' likewise:
 * dA' = α·dY·B'ᵀ, dB' = α·A'ᵀ·dY, dC = β·dY summed over C's broadcast axes. Each is one Gemm with
 * the transpose flags chosen so no Transpose node is needed.
 */
export const gemm: VjpRule = {
  ops: ['Gemm'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const [a, b] = [ctx.input(0), ctx.input(1)];
    const c = node.input?.[2]; // optional
    const dy = ctx.dy[0] as string;
    const alpha = attrFloat(node, 'alpha', 1);
    const beta = attrFloat(node, 'beta', 1);
    const transA = attrInt(node, 'transA', 0);
    const transB = attrInt(node, 'transB', 0);
    const gemmOf = (p: string, q: string, tp: number, tq: number) =>
      g.node('Gemm', [p, q], [attr.float('alpha', alpha), attr.int('transA', tp), attr.int('transB', tq)], 'grad/gemm');
    // dA = α·dY·B'ᵀ (transA = 0) or α·B'·dYᵀ (transA = 1).
    const dA = !ctx.needs[0] ? null : transA === 0 ? gemmOf(dy, b, 0, 1 - transB) : gemmOf(b, dy, transB, 1);
    // dB = α·A'ᵀ·dY (transB = 0) or α·dYᵀ·A' (transB = 1).
    const dB = !ctx.needs[1] ? null : transB === 0 ? gemmOf(a, dy, 1 - transA, 0) : gemmOf(dy, a, 1, transA);
    let dC: string | null = null;
    if (ctx.needs[2] && c) {
      const scaled = beta === 1 ? dy : g.node('Mul', [dy, ctx.floats([beta])], [], 'grad/gemm_beta');
      dC = reduceToShape(ctx, scaled, ctx.shape(ctx.output(0)), ctx.shape(c));
    }
    return [dA, dB, dC];
  },
};

/** MatMul (inputs of rank ≥ 2), Y = A·B: dA = dY·Bᵀ, dB = Aᵀ·dY over the last two axes, summed over broadcast batch axes. */
export const matMul: VjpRule = {
  ops: ['MatMul'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const [a, b] = [ctx.input(0), ctx.input(1)];
    const dy = ctx.dy[0] as string;
    const aDims = ctx.shape(a);
    const bDims = ctx.shape(b);
    if (aDims.length < 2 || bDims.length < 2) ctx.fail('MatMul with a 1-D operand has no gradient rule');
    const swapLast = (t: string, rank: number) => {
      const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
      return g.node('Transpose', [t], [attr.ints('perm', perm)], 'grad/matmul_t');
    };
    const out = ctx.shape(ctx.output(0));
    const dA = ctx.needs[0] ? g.node('MatMul', [dy, swapLast(b, bDims.length)], [], 'grad/matmul') : null;
    const dB = ctx.needs[1] ? g.node('MatMul', [swapLast(a, aDims.length), dy], [], 'grad/matmul') : null;
    // Batch axes broadcast in the forward are summed; the last two axes of each product already match.
    // Every shape here has rank ≥ 2 (checked above; the output's is the larger of the two).
    const batchOf = (dims: (number | null)[], last: (number | null | undefined)[]) => [...dims.slice(0, -2), ...(last as (number | null)[])];
    return [
      dA ? reduceToShape(ctx, dA, batchOf(out, [out.at(-2), aDims.at(-1)]), aDims) : null,
      dB ? reduceToShape(ctx, dB, batchOf(out, [bDims.at(-2), out.at(-1)]), bDims) : null,
    ];
  },
};

export const matmulRules: VjpRule[] = [gemm, matMul];
