import { attr } from '../proto/attributes.js';
import type { VjpContext } from './VjpRule.js';

/**
 * The gradient of a broadcast input: sums `dy` (shaped like the op's output) over the axes the input
 * was broadcast along (leading axes it lacks, axes where it has size 1), then reshapes it to the
 * input's rank. A no-op when the shapes agree. A null dim (the batch) is taken to match.
 */
export function reduceToShape(ctx: VjpContext, dy: string, outDims: (number | null)[], inDims: (number | null)[]): string {
  const lead = outDims.length - inDims.length;
  const axes: number[] = [];
  for (let i = 0; i < lead; i++) axes.push(i);
  inDims.forEach((d, i) => {
    const D = outDims[i + lead];
    if (d === 1 && D !== 1) axes.push(i + lead);
  });
  if (axes.length === 0) return dy;
  let r = ctx.g.node('ReduceSum', [dy, ctx.g.ints(axes, 'axes')], [attr.int('keepdims', 1)], 'grad/reduce');
  if (lead > 0) r = reshapeTo(ctx, r, inDims);
  return r;
}

/**
 * Reshapes `t` to `dims` (from static shape knowledge: the one batch axis, if any, becomes −1).
 */
export function reshapeTo(ctx: VjpContext, t: string, dims: (number | null)[]): string {
  const free = dims.filter((d) => d === null).length;
  if (free > 1) ctx.fail(`cannot reshape a gradient to ${JSON.stringify(dims)}: more than one size is free`);
  return ctx.g.node(
    'Reshape',
    [
      t,
      ctx.g.ints(
        dims.map((d) => (d === null ? -1 : d)),
        'shape',
      ),
    ],
    [],
    'grad/reshape',
  );
}
