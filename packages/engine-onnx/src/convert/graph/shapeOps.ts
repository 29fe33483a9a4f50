import { attr } from '../onnxAttr.js';
import { composePerm } from '../transposeData.js';
import { storedAxis, TO_NCHW, TO_NHWC, type Value } from '../Value.js';
import type { GraphOpContext, GraphOpConverter } from './GraphOpContext.js';

/** Identity (and IdentityN, StopGradient, Snapshot): an ONNX Identity named after the node. */
export const identity: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  ctx.e.b.node('Identity', [x.tensor], ctx.name);
  return { value: { ...x, tensor: ctx.name }, kind: 'identity' };
};

/** Cast to float32 (of a float tensor): an identity; any other cast is refused. */
export const cast: GraphOpConverter = (ctx) => {
  const to = ctx.node.attr?.['DstT']?.type;
  if (to !== undefined && to !== 'DT_FLOAT') return ctx.fail(`casts to ${to}; only float32 tensors are supported`);
  return identity(ctx);
};

const layoutOf = (shape: unknown[]): Value['layout'] => (shape.length === 4 ? 'NHWC' : 'flat');

/** Reshape to a constant shape (−1 inferred), computed on the NHWC tensor; a 4-D result stays NHWC. */
export const reshape: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const target = ctx.ints(1);
  if (target.includes(0)) return ctx.fail(`reshapes to [${target.join(', ')}], with a size 0`);
  const { b } = ctx.e;
  b.node('Reshape', [ctx.e.native(x), b.int64Const(target)], ctx.name);
  const total = x.shape.includes(null) ? null : (x.shape as number[]).reduce((p, d) => p * d, 1);
  const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  // A −1 in the batch position stays unknown; elsewhere it follows from the sizes when they are known.
  const shape = target.map((d, i) => (d !== -1 ? d : i === 0 || total === null ? null : total / known));
  return { value: { tensor: ctx.name, shape, layout: layoutOf(shape) }, kind: 'reshape' };
};

/**
 * Removes TF axes `axes` of `x` (Squeeze, or a reduction without keep_dims): on the stored tensor when
 * the remaining axes keep TF's order there, else on the NHWC tensor. Returns the tensor to operate on
 * and the axes in its layout.
 */
export function dropAxes(ctx: GraphOpContext, x: Value, axes: number[]): { tensor: string; axes: number[] } {
  const rank = x.shape.length;
  const norm = axes.map((a) => (a < 0 ? a + rank : a));
  if (x.layout === 'NCHW') {
    const kept = TO_NCHW.filter((a) => !norm.includes(a));
    if (kept.every((a, i) => i === 0 || a > kept[i - 1]!)) return { tensor: x.tensor, axes: norm.map((a) => storedAxis(x, a)).sort((p, q) => p - q) };
  }
  return { tensor: ctx.e.native(x), axes: [...norm].sort((p, q) => p - q) };
}

/** Squeeze(squeeze_dims): the listed size-1 axes (all of them when none are listed). */
export const squeeze: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  let axes = ctx.attrs.ints('squeeze_dims', ctx.attrs.ints('axis', []));
  if (axes.length === 0) {
    if (x.shape.includes(null)) return ctx.fail('squeezes every size-1 axis of a tensor of unknown shape');
    axes = x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  }
  const { tensor, axes: onnxAxes } = dropAxes(ctx, x, axes);
  ctx.e.b.node('Squeeze', [tensor, ctx.e.b.int64Const(onnxAxes)], ctx.name);
  const norm = axes.map((a) => (a < 0 ? a + x.shape.length : a));
  const shape = x.shape.filter((_, i) => !norm.includes(i));
  return { value: { tensor: ctx.name, shape, layout: layoutOf(shape) }, kind: 'reshape' };
};

/** ExpandDims(axis) on the NHWC tensor. */
export const expandDims: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const [axis] = ctx.ints(1);
  if (axis === undefined) return ctx.fail('its axis input is empty');
  const a = axis < 0 ? axis + x.shape.length + 1 : axis;
  ctx.e.b.node('Unsqueeze', [ctx.e.native(x), ctx.e.b.int64Const([a])], ctx.name);
  const shape = [...x.shape.slice(0, a), 1, ...x.shape.slice(a)];
  return { value: { tensor: ctx.name, shape, layout: layoutOf(shape) }, kind: 'reshape' };
};

/** Transpose(perm) as one ONNX Transpose of the stored tensor (an image-shaped result is stored NCHW). */
export const transpose: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const perm = ctx.ints(1);
  if (perm.length !== x.shape.length || [...perm].sort((i, j) => i - j).some((d, i) => d !== i)) {
    return ctx.fail(`perm [${perm.join(', ')}] is not a permutation of the axes of a rank-${x.shape.length} tensor`);
  }
  let p = composePerm(x.layout === 'NCHW' ? TO_NHWC : perm.map((_, i) => i), perm);
  if (perm.length === 4) p = composePerm(p, TO_NCHW);
  ctx.e.b.node('Transpose', [x.tensor], ctx.name, { perm: attr.ints(p) });
  return { value: { tensor: ctx.name, shape: perm.map((i) => x.shape[i] as number | null), layout: perm.length === 4 ? 'NCHW' : 'flat' }, kind: 'reshape' };
};

/** ConcatV2(values…, axis): image-shaped values concatenated NCHW. */
export const concat: GraphOpConverter = (ctx) => {
  const n = ctx.arity - 1;
  const [axis] = ctx.ints(n);
  if (axis === undefined) return ctx.fail('its axis input is empty');
  const first = ctx.tensor(Array.from({ length: n }, (_, i) => i).find((i) => !ctx.isConst(i)) ?? 0);
  const rank = first.shape.length;
  const like: Value = { ...first, layout: rank === 4 ? 'NCHW' : 'flat' };
  const xs = Array.from({ length: n }, (_, i) => ctx.tensor(i, like));
  const tensors = xs.map((x) => (rank === 4 ? ctx.e.nchw(x) : ctx.e.native(x)));
  const a = axis < 0 ? axis + rank : axis;
  ctx.e.b.node('Concat', tensors, ctx.name, { axis: attr.int(storedAxis(like, a)) });
  const shape = first.shape.map((d, i) =>
    i === a ? xs.reduce<number | null>((s, x) => (s === null || x.shape[i] === null ? null : s + (x.shape[i] as number)), 0) : d,
  );
  return { value: { tensor: ctx.name, shape, layout: like.layout }, kind: 'merge' };
};

/** Pad / PadV2 (constant value) / MirrorPad (REFLECT) with constant paddings, NCHW for images. */
export const pad: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const p = ctx.ints(1);
  const rank = x.shape.length;
  if (p.length !== 2 * rank) return ctx.fail(`paddings have ${p.length} values for a rank-${rank} tensor`);
  const four = rank === 4;
  const order = four ? TO_NCHW : Array.from({ length: rank }, (_, i) => i);
  // p has two values per axis (checked above).
  const pads = [...order.map((a) => p[2 * a]!), ...order.map((a) => p[2 * a + 1]!)];
  const { b } = ctx.e;
  const inputs = [four ? ctx.e.nchw(x) : ctx.e.native(x), b.int64Const(pads)];
  let mode = 'constant';
  if (ctx.node.op === 'PadV2') inputs.push(b.floatConst([ctx.constant(2).data[0] ?? ctx.fail('its constant_values input is empty')], []));
  if (ctx.node.op === 'MirrorPad') {
    const m = ctx.attrs.string('mode');
    if (m !== 'REFLECT') return ctx.fail(`mode ${m} has no ONNX mapping (REFLECT has)`);
    mode = 'reflect';
  }
  b.node('Pad', inputs, ctx.name, { mode: attr.string(mode) });
  const shape = x.shape.map((d, i) => (d === null ? null : d + p[2 * i]! + p[2 * i + 1]!));
  return { value: { tensor: ctx.name, shape, layout: four ? 'NCHW' : 'flat' }, kind: 'padding' };
};
