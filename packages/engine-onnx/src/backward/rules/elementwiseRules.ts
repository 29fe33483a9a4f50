import { reduceToShape } from '../broadcast.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** The gradient of input `i` from its share `share` of dy (shaped like the output), summed over broadcast axes. */
function toInput(ctx: VjpContext, i: number, share: string): string {
  const out = ctx.shape(ctx.output(0));
  return reduceToShape(ctx, share, out, ctx.shape(ctx.input(i)));
}

/** Add and Sum: each input gets dy (reduced over the axes it was broadcast along). */
export const add: VjpRule = {
  ops: ['Add', 'Sum'],
  vjp(ctx: VjpContext) {
    const dy = ctx.dy[0] as string;
    return (ctx.node.input ?? []).map((_, i) => (ctx.needs[i] ? toInput(ctx, i, dy) : null));
  },
};

/** Sub: dA = dy, dB = −dy. */
export const sub: VjpRule = {
  ops: ['Sub'],
  vjp(ctx: VjpContext) {
    const dy = ctx.dy[0] as string;
    return [ctx.needs[0] ? toInput(ctx, 0, dy) : null, ctx.needs[1] ? toInput(ctx, 1, ctx.g.node('Neg', [dy], [], 'grad/neg')) : null];
  },
};

/** Mul: dA = dy·B, dB = dy·A. */
export const mul: VjpRule = {
  ops: ['Mul'],
  vjp(ctx: VjpContext) {
    const dy = ctx.dy[0] as string;
    const [a, b] = [ctx.input(0), ctx.input(1)];
    return [
      ctx.needs[0] ? toInput(ctx, 0, ctx.g.node('Mul', [dy, b], [], 'grad/mul')) : null,
      ctx.needs[1] ? toInput(ctx, 1, ctx.g.node('Mul', [dy, a], [], 'grad/mul')) : null,
    ];
  },
};

/** Div, y = A / B: dA = dy / B, dB = −dy·y / B. */
export const div: VjpRule = {
  ops: ['Div'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const dy = ctx.dy[0] as string;
    const b = ctx.input(1);
    const y = ctx.output(0);
    return [
      ctx.needs[0] ? toInput(ctx, 0, g.node('Div', [dy, b], [], 'grad/div')) : null,
      ctx.needs[1] ? toInput(ctx, 1, g.node('Neg', [g.node('Div', [g.node('Mul', [dy, y], [], 'grad/div'), b], [], 'grad/div')], [], 'grad/neg')) : null,
    ];
  },
};

/** Neg: dx = −dy. */
export const neg: VjpRule = {
  ops: ['Neg'],
  vjp(ctx: VjpContext) {
    return [ctx.g.node('Neg', [ctx.dy[0] as string], [], 'grad/neg')];
  },
};

export const elementwiseRules: VjpRule[] = [add, sub, mul, div, neg];
