import { attr, attrInts } from '../../proto/attributes.js';
import { reshapeTo } from '../broadcast.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** Flatten, Reshape, Squeeze, Unsqueeze: dy reshaped back to the input's shape. */
export const reshape: VjpRule = {
  ops: ['Flatten', 'Reshape', 'Squeeze', 'Unsqueeze'],
  vjp(ctx: VjpContext) {
    const x = ctx.input(0);
    const dims = ctx.shape(x);
    const dy = ctx.dy[0] as string;
    const back =
      dims.filter((d) => d === null).length > 1
        ? ctx.g.node('Reshape', [dy, ctx.g.node('Shape', [x], [], 'grad/shape')], [], 'grad/reshape')
        : reshapeTo(ctx, dy, dims);
    return (ctx.node.input ?? []).map((_, i) => (i === 0 ? back : null));
  },
};

/** Transpose: dy transposed by the inverse permutation. */
export const transpose: VjpRule = {
  ops: ['Transpose'],
  vjp(ctx: VjpContext) {
    const rank = ctx.shape(ctx.input(0)).length;
    const perm = attrInts(ctx.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    const inverse = new Array<number>(rank);
    perm.forEach((p, i) => (inverse[p] = i));
    return [ctx.g.node('Transpose', [ctx.dy[0] as string], [attr.ints('perm', inverse)], 'grad/transpose')];
  },
};

/** Identity, Dropout at inference: dy passes through. */
export const identity: VjpRule = {
  ops: ['Identity', 'Dropout'],
  vjp(ctx: VjpContext) {
    return (ctx.node.input ?? []).map((_, i) => (i === 0 ? (ctx.dy[0] as string) : null));
  },
};

export const shapeRules: VjpRule[] = [reshape, transpose, identity];
