import { attr } from '../onnxAttr.js';
import { storedAxis, type Value } from '../Value.js';
import type { LayerContext, LayerConverter } from './LayerContext.js';

/** The merged inputs, which must share a rank (so a layout); the output shape broadcasts them. */
function sameRank(ctx: LayerContext, min: number): [Value, ...Value[]] {
  const xs = ctx.inputs;
  const [first, ...rest] = xs;
  if (!first || xs.length < min) return ctx.fail(`has ${xs.length} inputs; it needs at least ${Math.max(min, 1)}`);
  const rank = first.shape.length;
  if (xs.some((x) => x.shape.length !== rank)) {
    return ctx.fail(`merges inputs of ranks ${xs.map((x) => x.shape.length).join(', ')}; the ONNX conversion merges equal ranks only`);
  }
  return [first, ...rest];
}

/** The shape the inputs broadcast to; they share a rank (sameRank), so x.shape[i] exists for each. */
function broadcastShape(xs: [Value, ...Value[]]): (number | null)[] {
  return xs[0].shape.map((_, i) => {
    const dims = xs.map((x) => x.shape[i] as number | null);
    const known = dims.filter((d): d is number => d !== null && d !== 1);
    return known[0] ?? (dims.includes(null) ? null : 1);
  });
}

/** An element-wise merge: one variadic ONNX op (Sum, Mean, Max, Min) or a chain of a binary one (Mul, Sub). */
function elementwise(op: string, variadic: boolean, exactlyTwo = false): LayerConverter {
  return (ctx) => {
    const xs = sameRank(ctx, 2);
    if (exactlyTwo && xs.length !== 2) return ctx.fail(`has ${xs.length} inputs; it takes exactly 2`);
    const { b } = ctx.e;
    const names = xs.map((x) => x.tensor);
    if (variadic || names.length === 2) {
      b.node(names.length === 2 && op === 'Sum' ? 'Add' : op, names, ctx.name);
    } else {
      const [first, ...rest] = names;
      let acc = first!; // sameRank: at least two inputs
      rest.forEach((t, i) => (acc = b.node(op, [acc, t], i === rest.length - 1 ? ctx.name : undefined, {}, `${ctx.name}/${op}`)));
    }
    return { value: { tensor: ctx.name, shape: broadcastShape(xs), layout: xs[0].layout }, kind: 'merge' };
  };
}

export const add = elementwise('Sum', true);
export const subtract = elementwise('Sub', false, true);
export const multiply = elementwise('Mul', false);
export const average = elementwise('Mean', true);
export const maximum = elementwise('Max', true);
export const minimum = elementwise('Min', true);

/** Concatenate(axis) (default −1, the channels), on the stored axis. */
export const concatenate: LayerConverter = (ctx) => {
  const xs = sameRank(ctx, 1);
  const axis = ctx.config.number('axis', -1);
  const rank = xs[0].shape.length;
  const a = axis < 0 ? axis + rank : axis;
  if (a <= 0 || a >= rank) return ctx.fail(`axis ${axis} is not an axis of its rank-${rank} inputs (the batch axis cannot be concatenated)`);
  ctx.e.b.node(
    'Concat',
    xs.map((x) => x.tensor),
    ctx.name,
    { axis: attr.int(storedAxis(xs[0], a)) },
  );
  const shape = xs[0].shape.map((d, i) =>
    i === a ? xs.reduce<number | null>((n, x) => (n === null || x.shape[i] === null ? null : n + (x.shape[i] as number)), 0) : d,
  );
  return { value: { tensor: ctx.name, shape, layout: xs[0].layout }, kind: 'merge' };
};
