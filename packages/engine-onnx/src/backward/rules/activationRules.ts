import type { ReluUnit } from '@visor/core';
import { clipBounds } from '../../describe/classifyNode.js';
import { attr, attrFloat } from '../../proto/attributes.js';
import { onnxGradientOps } from '../onnxGradientOps.js';
import { reluMasks, type ReluMasks } from '../reluMasks.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** A 0/1 float mask of a comparison. */
function mask(ctx: VjpContext, op: 'Greater' | 'GreaterOrEqual' | 'LessOrEqual', a: string, b: string): string {
  return ctx.g.node('Cast', [ctx.g.node(op, [a, b], [], `grad/${op.toLowerCase()}`)], [attr.int('to', ctx.elemType)], 'grad/mask');
}

/** Emits on first use, then returns the same name. */
function once(emit: () => string): () => string {
  let name: string | undefined;
  return () => (name ??= emit());
}

/** A ReLU unit whose `open` and `cap` are emitted lazily: a rule that never reads them adds no nodes for them. */
function reluUnit(dy: string, x: string, open: () => string, cap: (() => string) | null): ReluUnit<string> {
  return {
    dy,
    x,
    get open() {
      return open();
    },
    get cap() {
      return cap ? cap() : null;
    },
  };
}

/** dx of a ReLU-like unit: the gradient rewrite's rule when one is given, else the derivative dy·open. */
function reluGradient(ctx: VjpContext, unit: ReluUnit<string>, masks?: ReluMasks): string {
  if (ctx.rewrite) return ctx.rewrite.relu(onnxGradientOps(ctx, masks), unit);
  return ctx.g.node('Mul', [unit.dy, unit.open], [], 'grad/relu');
}

/**
 * Relu: open = [x > 0], read from the output as [y > 0] (the same mask), so the forward Conv+Relu
 * fusion stays possible; built by reluMasks from per-channel affine maps and Relu, which ONNX Runtime
 * keeps in its NCHWc layout (Cast(Greater) where y's channel count is not static).
 */
export const relu: VjpRule = {
  ops: ['Relu'],
  vjp(ctx: VjpContext) {
    const x = ctx.input(0);
    const y = ctx.output(0);
    const masks = reluMasks(ctx, y) ?? undefined;
    const open = masks ? once(masks.open) : once(() => mask(ctx, 'Greater', y, ctx.floats([0])));
    return [reluGradient(ctx, reluUnit(ctx.dy[0] as string, x, open, null), masks)];
  },
};

/**
 * Clip: with min 0 it is a ReLU with a cap (ReLU6 for max 6): open = [x > 0]·[x ≤ max], and the
 * gradient rewrite applies. Other bounds: dx = dy·[min ≤ x ≤ max].
 */
export const clip: VjpRule = {
  ops: ['Clip'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const x = ctx.input(0);
    const bounds = clipBounds(node, (t) => ctx.constant(t));
    if (!bounds) ctx.fail('its bounds are computed at run time; Visor needs them constant');
    const dy = ctx.dy[0] as string;
    const maxMask = bounds.max === null ? null : once(() => mask(ctx, 'LessOrEqual', x, ctx.floats([bounds.max as number])));
    if (bounds.min === 0) {
      const positive = once(() => mask(ctx, 'Greater', x, ctx.floats([0])));
      const open = maxMask ? once(() => g.node('Mul', [positive(), maxMask()], [], 'grad/clip_open')) : positive;
      return [reluGradient(ctx, reluUnit(dy, x, open, maxMask)), null, null];
    }
    let dx = dy;
    if (bounds.min !== null) dx = g.node('Mul', [dx, mask(ctx, 'GreaterOrEqual', x, ctx.floats([bounds.min]))], [], 'grad/clip');
    if (maxMask) dx = g.node('Mul', [dx, maxMask()], [], 'grad/clip');
    return [dx, null, null];
  },
};

/** LeakyRelu: dx = dy where x > 0, α·dy elsewhere. */
export const leakyRelu: VjpRule = {
  ops: ['LeakyRelu'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const x = ctx.input(0);
    const dy = ctx.dy[0] as string;
    const alpha = attrFloat(ctx.node, 'alpha', 0.01);
    const positive = g.node('Greater', [x, ctx.floats([0])], [], 'grad/leaky_gt');
    return [g.node('Where', [positive, dy, g.node('Mul', [dy, ctx.floats([alpha])], [], 'grad/leaky_alpha')], [], 'grad/leaky')];
  },
};

/** Sigmoid: dx = dy·y·(1 − y). */
export const sigmoid: VjpRule = {
  ops: ['Sigmoid'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const y = ctx.output(0);
    const slope = g.node('Mul', [y, g.node('Sub', [ctx.floats([1]), y], [], 'grad/sigmoid_1my')], [], 'grad/sigmoid_slope');
    return [g.node('Mul', [ctx.dy[0] as string, slope], [], 'grad/sigmoid')];
  },
};

/** Tanh: dx = dy·(1 − y²). */
export const tanh: VjpRule = {
  ops: ['Tanh'],
  vjp(ctx: VjpContext) {
    const { g } = ctx;
    const y = ctx.output(0);
    const slope = g.node('Sub', [ctx.floats([1]), g.node('Mul', [y, y], [], 'grad/tanh_sq')], [], 'grad/tanh_slope');
    return [g.node('Mul', [ctx.dy[0] as string, slope], [], 'grad/tanh')];
  },
};

export const activationRules: VjpRule[] = [relu, clip, leakyRelu, sigmoid, tanh];
