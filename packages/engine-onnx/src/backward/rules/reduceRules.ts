import { attrInt, attrInts } from '../../proto/attributes.js';
import { tensorInts } from '../../proto/tensorData.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** The axes a Reduce* node reduces (attribute before opset 18 — ReduceSum: 13 —, input after), normalised to be ≥ 0. */
function reducedAxes(ctx: VjpContext, rank: number): number[] {
  const { node } = ctx;
  const input = node.input?.[1];
  let axes: number[] | undefined;
  if (input) {
    const t = ctx.constant(input);
    if (!t) ctx.fail('its axes are computed at run time; Visor needs them constant');
    axes = tensorInts(t);
  } else axes = attrInts(node, 'axes');
  if (!axes || axes.length === 0) {
    if (attrInt(node, 'noop_with_empty_axes', 0) === 1) return [];
    return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
}

/** ReduceSum and ReduceMean: the gradient is broadcast back over the reduced axes (divided by their size for the mean). */
function reduceRule(op: 'ReduceSum' | 'ReduceMean'): VjpRule {
  return {
    ops: [op],
    vjp(ctx) {
      const x = ctx.input(0);
      const dims = ctx.shape(x);
      const axes = reducedAxes(ctx, dims.length);
      let dy = ctx.dy[0] as string;
      if (axes.length === 0) return [dy, null];
      if (attrInt(ctx.node, 'keepdims', 1) === 0) dy = ctx.g.node('Unsqueeze', [dy, ctx.g.ints(axes, 'axes')], [], 'grad/unsqueeze');
      if (op === 'ReduceMean') {
        if (axes.some((a) => dims[a] === null)) ctx.fail('it averages over the batch axis');
        const count = axes.reduce((n, a) => n * (dims[a] as number), 1);
        dy = ctx.g.node('Mul', [dy, ctx.floats([1 / count])], [], 'grad/mean_scale');
      }
      // Expand broadcasts both ways: a 1 where the batch is keeps dy's batch.
      return [
        ctx.g.node(
          'Expand',
          [
            dy,
            ctx.g.ints(
              dims.map((d) => d ?? 1),
              'shape',
            ),
          ],
          [],
          'grad/reduce_expand',
        ),
        null,
      ];
    },
  };
}

export const reduceSum = reduceRule('ReduceSum');
export const reduceMean = reduceRule('ReduceMean');

export const reduceRules: VjpRule[] = [reduceSum, reduceMean];
