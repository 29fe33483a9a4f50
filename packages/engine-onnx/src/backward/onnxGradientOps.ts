import type { GradientOps } from '@visor/core';
import { attr } from '../proto/attributes.js';
import type { VjpContext } from './VjpRule.js';

/**
 * The element-wise operations of a gradient rewrite, emitted as ONNX nodes of the backward graph:
 * mul → Mul, add → Add, positive(a) → Cast(Greater(a, 0)) to the differentiated float type.
 */
export function onnxGradientOps(ctx: VjpContext): GradientOps<string> {
  const { g } = ctx;
  return {
    mul: (a, b) => g.node('Mul', [a, b], [], 'grad/rewrite_mul'),
    add: (a, b) => g.node('Add', [a, b], [], 'grad/rewrite_add'),
    positive: (a) => ctx.g.node('Cast', [g.node('Greater', [a, ctx.floats([0])], [], 'grad/rewrite_gt')], [attr.int('to', ctx.elemType)], 'grad/rewrite_positive'),
  };
}
