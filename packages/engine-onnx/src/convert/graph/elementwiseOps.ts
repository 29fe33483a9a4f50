import { emitActivation } from '../activations.js';
import type { Value } from '../Value.js';
import type { GraphOpContext, GraphOpConverter } from './GraphOpContext.js';
import { emitTfActivation, tfActivationName } from './tfActivations.js';

/** The broadcast shape of two TF shapes (numpy rules; null for unknown sizes); a VisorError when they do not broadcast. */
function broadcast(ctx: GraphOpContext, a: (number | null)[], b: (number | null)[]): (number | null)[] {
  const rank = Math.max(a.length, b.length);
  // Aligned at the last axis: an index at or past rank − length is within the shorter shape.
  return Array.from({ length: rank }, (_, i) => {
    const x = i < rank - a.length ? 1 : (a[a.length - rank + i] as number | null);
    const y = i < rank - b.length ? 1 : (b[b.length - rank + i] as number | null);
    if (x !== null && y !== null && x !== 1 && y !== 1 && x !== y) {
      return ctx.fail(`its inputs of shapes [${a.map(String).join(', ')}] and [${b.map(String).join(', ')}] do not broadcast`);
    }
    return x === 1 ? y : y === 1 ? x : (x ?? y);
  });
}

/**
 * The two operands of a binary op in one layout: image-shaped tensors (and constants against them)
 * NCHW; a 4-D tensor against a computed tensor of another rank is taken back to NHWC, where TF's
 * broadcasting holds.
 */
function operands(ctx: GraphOpContext): { a: Value; b: Value; shape: (number | null)[]; layout: Value['layout'] } {
  const e = ctx.e;
  const c0 = ctx.isConst(0);
  const c1 = ctx.isConst(1);
  if (c0 && c1) return ctx.fail('both inputs are constants (constant folding is not supported)');
  if (c0 || c1) {
    const t = ctx.tensor(c0 ? 1 : 0);
    const c = ctx.tensor(c0 ? 0 : 1, t);
    const shape = broadcast(ctx, t.shape, ctx.constant(c0 ? 0 : 1).shape);
    if (shape.length !== t.shape.length) return ctx.fail('a constant of higher rank than the tensor it is combined with is not supported');
    return c0 ? { a: c, b: t, shape, layout: t.layout } : { a: t, b: c, shape, layout: t.layout };
  }
  let a = ctx.tensor(0);
  let b = ctx.tensor(1);
  const shape = broadcast(ctx, a.shape, b.shape);
  if (a.shape.length === 4 && b.shape.length === 4) {
    a = { ...a, tensor: e.nchw(a), layout: 'NCHW' };
    b = { ...b, tensor: e.nchw(b), layout: 'NCHW' };
    return { a, b, shape, layout: 'NCHW' };
  }
  a = { ...a, tensor: e.native(a), layout: a.shape.length === 4 ? 'NHWC' : 'flat' };
  b = { ...b, tensor: e.native(b), layout: b.shape.length === 4 ? 'NHWC' : 'flat' };
  return { a, b, shape, layout: shape.length === 4 ? 'NHWC' : 'flat' };
}

/** A binary element-wise op with TF broadcasting. Kind `bias` for a constant added, `merge` for two tensors. */
function binary(onnxOp: string): GraphOpConverter {
  return (ctx) => {
    const { a, b, shape, layout } = operands(ctx);
    ctx.e.b.node(onnxOp, [a.tensor, b.tensor], ctx.name);
    const withConst = ctx.isConst(0) || ctx.isConst(1);
    return { value: { tensor: ctx.name, shape, layout }, kind: withConst ? (onnxOp === 'Add' || onnxOp === 'Sub' ? 'bias' : 'other') : 'merge' };
  };
}

export const add = binary('Add');
export const sub = binary('Sub');
export const mul = binary('Mul');
export const div = binary('Div');
export const maximum = binary('Max');
export const minimum = binary('Min');

/** AddN: the sum of its inputs (same shapes), NCHW when image-shaped. */
export const addN: GraphOpConverter = (ctx) => {
  const xs = Array.from({ length: ctx.arity }, (_, i) => ctx.tensor(i));
  const [first] = xs;
  if (!first) return ctx.fail('has no inputs');
  const four = first.shape.length === 4;
  ctx.e.b.node(
    'Sum',
    xs.map((x) => (four ? ctx.e.nchw(x) : ctx.e.native(x))),
    ctx.name,
  );
  return { value: { tensor: ctx.name, shape: first.shape, layout: four ? 'NCHW' : 'flat' }, kind: 'merge' };
};

/** TF activation ops (Relu, Relu6, Elu, Selu, Sigmoid, Tanh, Softplus, Softsign, LeakyRelu, Prelu). */
export const activation: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const slope = ctx.node.op === 'Prelu' ? ctx.tensor(1, x).tensor : undefined;
  const value = emitTfActivation(ctx, ctx.node.op, x, ctx.name, { alpha: ctx.attrs.float('alpha', 0.2), preluSlope: slope });
  return { value, kind: 'activation', activation: tfActivationName(ctx.node.op) };
};

/** Softmax / LogSoftmax over the last axis. */
export const softmax: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const log = ctx.node.op === 'LogSoftmax';
  const value = emitActivation(ctx.e, log ? 'log_softmax' : 'softmax', x, ctx.name, { axis: -1 });
  return { value, kind: log ? 'activation' : 'softmax', activation: log ? 'log_softmax' : 'softmax' };
};

const UNARY: Record<string, string[]> = {
  Exp: ['Exp'],
  Log: ['Log'],
  Neg: ['Neg'],
  Abs: ['Abs'],
  Sqrt: ['Sqrt'],
  Rsqrt: ['Sqrt', 'Reciprocal'],
  Reciprocal: ['Reciprocal'],
  Square: ['Square'],
};

/** Element-wise math: Exp, Log, Neg, Abs, Sqrt, Rsqrt, Reciprocal, Square. */
export const unary: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const ops = UNARY[ctx.node.op] ?? ctx.fail('is not an element-wise op this converter maps');
  const { b } = ctx.e;
  let t = x.tensor;
  ops.forEach((op, i) => {
    const out = i === ops.length - 1 ? ctx.name : undefined;
    t = op === 'Square' ? b.node('Mul', [t, t], out) : b.node(op, [t], out, {}, `${ctx.name}/${op}`);
  });
  return { value: { ...x, tensor: ctx.name }, kind: 'other' };
};
export const UNARY_OPS = Object.keys(UNARY);
