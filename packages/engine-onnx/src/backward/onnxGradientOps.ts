import type { GradientOps } from '@visor/core';
import { attr } from '../proto/attributes.js';
import type { ReluMasks } from './reluMasks.js';
import type { VjpContext } from './VjpRule.js';

/**
 * The element-wise operations of a gradient rewrite, emitted as ONNX nodes of the backward graph:
 * mul → Mul, add → Add, positive(a) → Cast(Greater(a, 0)) to the differentiated float type.
 * `mul(a, positive(a))` — the [R > 0]·R of guided backprop and deconvnet — is emitted as Relu(a),
 * one pass over the tensor instead of three; the unused mask is pruned from the graph. With a ReLU
 * unit's `masks` (reluMasks.ts), `mul(Relu(a), open)` — guided backprop's open·[R > 0]·R — is
 * emitted as Relu(a + guard), which ONNX Runtime fuses into the convolution that produced a.
 */
export function onnxGradientOps(ctx: VjpContext, masks?: ReluMasks): GradientOps<string> {
  const { g } = ctx;
  const maskOf = new Map<string, string>();
  const reluOf = new Map<string, string>();
  const relu = (a: string) => {
    const out = g.node('Relu', [a], [], 'grad/rewrite_relu');
    reluOf.set(out, a);
    return out;
  };
  const gated = (a: string, b: string) =>
    masks?.isOpen(b) && reluOf.has(a)
      ? g.node('Relu', [g.node('Add', [reluOf.get(a) as string, masks.guard()], [], 'grad/rewrite_gate')], [], 'grad/rewrite_relu')
      : null;
  return {
    mul: (a, b) => {
      if (maskOf.get(b) === a) return relu(a);
      if (maskOf.get(a) === b) return relu(b);
      return gated(a, b) ?? gated(b, a) ?? g.node('Mul', [a, b], [], 'grad/rewrite_mul');
    },
    add: (a, b) => g.node('Add', [a, b], [], 'grad/rewrite_add'),
    positive: (a) => {
      const mask = g.node('Cast', [g.node('Greater', [a, ctx.floats([0])], [], 'grad/rewrite_gt')], [attr.int('to', ctx.elemType)], 'grad/rewrite_positive');
      maskOf.set(mask, a);
      return mask;
    },
  };
}
