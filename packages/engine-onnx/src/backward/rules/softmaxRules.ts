import { softmaxAxis } from '../../describe/classifyNode.js';
import { attr } from '../../proto/attributes.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** Softmax over one axis (opset ≥ 13): dx = y·(dy − Σ_axis dy·y). */
export const softmax: VjpRule = {
  ops: ['Softmax'],
  vjp(ctx: VjpContext) {
    const { g, node } = ctx;
    const y = ctx.output(0);
    const dy = ctx.dy[0] as string;
    const axis = softmaxAxis(node, ctx.shape(y).length, ctx.opset);
    const dot = g.node('ReduceSum', [g.node('Mul', [dy, y], [], 'grad/softmax_dy_y'), g.ints([axis], 'axes')], [attr.int('keepdims', 1)], 'grad/softmax_dot');
    return [g.node('Mul', [y, g.node('Sub', [dy, dot], [], 'grad/softmax_sub')], [], 'grad/softmax')];
  },
};

/** LogSoftmax over one axis: dx = dy − exp(y)·Σ_axis dy. */
export const logSoftmax: VjpRule = {
  ops: ['LogSoftmax'],
  vjp(ctx: VjpContext) {
    const { g, node } = ctx;
    const y = ctx.output(0);
    const dy = ctx.dy[0] as string;
    const axis = softmaxAxis(node, ctx.shape(y).length, ctx.opset);
    const total = g.node('ReduceSum', [dy, g.ints([axis], 'axes')], [attr.int('keepdims', 1)], 'grad/logsoftmax_sum');
    return [g.node('Sub', [dy, g.node('Mul', [g.node('Exp', [y], [], 'grad/logsoftmax_p'), total], [], 'grad/logsoftmax_mul')], [], 'grad/logsoftmax')];
  },
};

export const softmaxRules: VjpRule[] = [softmax, logSoftmax];
