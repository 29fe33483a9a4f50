import type { GradientOps } from '@visor/core';
import { attr } from '../proto/attributes.js';
import type { VjpContext } from './VjpRule.js';

/**
 * The element-wise operations of a gradient rewrite, emitted as ONNX nodes of the backward graph:
 * mul → Mul, add → Add, positive(a) → Cast(Greater(a, 0)) to the differentiated float type.
 * `mul(a, positive(a))` — the [R > 0]·R of guided backprop and deconvnet — is emitted as Relu(a),
 * one pass over the tensor instead of three; the unused mask is pruned from the graph.
 */
export function onnxGradientOps(ctx: VjpContext): GradientOps<string> {
  const { g } = ctx;
  const maskOf = new Map<string, string>();
  return {
    mul: (a, b) => {
      if (maskOf.get(b) === a) return g.node('Relu', [a], [], 'grad/rewrite_relu');
      if (maskOf.get(a) === b) return g.node('Relu', [b], [], 'grad/rewrite_relu');
      return g.node('Mul', [a, b], [], 'grad/rewrite_mul');
    },
    add: (a, b) => g.node('Add', [a, b], [], 'grad/rewrite_add'),
    positive: (a) => {
      const mask = g.node('Cast', [g.node('Greater', [a, ctx.floats([0])], [], 'grad/rewrite_gt')], [attr.int('to', ctx.elemType)], 'grad/rewrite_positive');
      maskOf.set(mask, a);
      return mask;
    },
  };
}
