import { attrInt } from '../../proto/attributes.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

/** Concat: each input gets its slice of dy along the concatenation axis. */
export const concat: VjpRule = {
  ops: ['Concat'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const inputs = node.input ?? [];
    const rank = ctx.shape(ctx.output(0)).length;
    let axis = attrInt(node, 'axis', 0);
    if (axis < 0) axis += rank;
    const axes = g.ints([axis], 'axes');
    let offset = 0;
    return inputs.map((t, i) => {
      const size = ctx.shape(t)[axis];
      if (size === undefined) ctx.fail(`input ${i} has no axis ${axis}`);
      if (size === null) ctx.fail(`input ${i} has a free size along the concatenation axis ${axis}`);
      const start = offset;
      offset += size;
      if (!ctx.needs[i]) return null;
      return g.node('Slice', [ctx.dy[0] as string, g.ints([start], 'starts'), g.ints([start + size], 'ends'), axes], [], 'grad/concat');
    });
  },
};

export const concatRules: VjpRule[] = [concat];
