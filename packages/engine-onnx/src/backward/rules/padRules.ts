import { attrInts, attrString } from '../../proto/attributes.js';
import { tensorInts } from '../../proto/tensorData.js';
import type { VjpContext, VjpRule } from '../VjpRule.js';

function constInts(ctx: VjpContext, tensor: string | undefined, what: string): number[] | undefined {
  if (!tensor) return undefined;
  const t = ctx.constant(tensor);
  if (!t) ctx.fail(`its ${what} are computed at run time; Visor needs them constant`);
  return tensorInts(t);
}

/**
 * Pad (constant mode): the gradient is dy without the padding, a Slice; where pads are negative
 * (a crop), the cropped border comes back as zeros, a Pad.
 */
export const pad: VjpRule = {
  ops: ['Pad'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const mode = attrString(node, 'mode', 'constant');
    if (mode !== 'constant') ctx.fail(`Pad in '${mode}' mode has no gradient rule (only 'constant')`);
    const x = ctx.input(0);
    const [padsInput, , axesInput] = node.input?.slice(1) ?? []; // optional inputs (opset ≥ 11; axes ≥ 18)
    const xDims = ctx.shape(x);
    const rank = xDims.length;
    const given = constInts(ctx, padsInput, 'pads') ?? attrInts(node, 'pads') ?? [];
    const axes = (constInts(ctx, axesInput, 'axes') ?? Array.from({ length: rank }, (_, i) => i)).map((a) => (a < 0 ? a + rank : a));
    const begin = Array(rank).fill(0);
    const end = Array(rank).fill(0);
    if (given.length !== 2 * axes.length) ctx.fail(`it has ${given.length} pads for ${axes.length} axes (${2 * axes.length} expected)`);
    axes.forEach((a, i) => {
      begin[a] = given[i];
      end[a] = given[i + axes.length];
    });
    let dy = ctx.dy[0] as string;
    if (begin.some((p) => p < 0) || end.some((p) => p < 0)) {
      const back = [...begin.map((p) => Math.max(0, -p)), ...end.map((p) => Math.max(0, -p))];
      dy = g.node('Pad', [dy, g.ints(back, 'pads')], [], 'grad/uncrop');
    }
    const sliced = axes.filter((a) => begin[a] > 0 || end[a] > 0);
    if (sliced.length === 0) return [dy, null, null, null];
    if (sliced.some((a) => xDims[a] === null)) ctx.fail('it pads the batch axis');
    const starts = sliced.map((a) => Math.max(0, begin[a]));
    const ends = sliced.map((a) => Math.max(0, begin[a]) + (xDims[a] as number));
    return [g.node('Slice', [dy, g.ints(starts, 'starts'), g.ints(ends, 'ends'), g.ints(sliced, 'axes')], [], 'grad/pad'), null, null, null];
  },
};

/** Slice (step 1): the gradient is dy padded back with zeros to the input's size. */
export const slice: VjpRule = {
  ops: ['Slice'],
  vjp(ctx: VjpContext) {
    const { node, g } = ctx;
    const x = ctx.input(0);
    const [startsIn, endsIn, axesIn, stepsIn] = node.input?.slice(1) ?? []; // starts and ends are required, constInts checks them
    const xDims = ctx.shape(x);
    const rank = xDims.length;
    const starts = constInts(ctx, startsIn, 'starts') ?? [];
    const ends = constInts(ctx, endsIn, 'ends') ?? [];
    const axes = (constInts(ctx, axesIn, 'axes') ?? starts.map((_, i) => i)).map((a) => (a < 0 ? a + rank : a));
    const steps = constInts(ctx, stepsIn, 'steps') ?? starts.map(() => 1);
    if (steps.some((s) => s !== 1)) ctx.fail('Slice with steps other than 1 has no gradient rule');
    if (ends.length !== starts.length || axes.length !== starts.length)
      ctx.fail(`it has ${starts.length} starts, ${ends.length} ends and ${axes.length} axes; they must have one entry each per axis sliced`);
    const pads = Array(2 * rank).fill(0);
    axes.forEach((a, i) => {
      const size = xDims[a];
      if (size === undefined) ctx.fail(`it slices axis ${a} of a rank-${rank} input`);
      if (size === null) ctx.fail('it slices the batch axis');
      const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
      const s = clamp(starts[i]!); // starts, ends and axes have one entry each (checked above)
      const e = Math.max(s, clamp(ends[i]!));
      pads[a] = s;
      pads[a + rank] = size - e;
    });
    return [g.node('Pad', [ctx.dy[0] as string, g.ints(pads, 'pads')], [], 'grad/slice'), null, null, null, null];
  },
};

export const padRules: VjpRule[] = [pad, slice];
