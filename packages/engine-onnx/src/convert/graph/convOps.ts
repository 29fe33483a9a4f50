import { emitConv } from '../emitConv.js';
import { GraphEmitter } from '../GraphEmitter.js';
import { attr } from '../onnxAttr.js';
import { hasRank, type OfRank } from '../../ofRank.js';
import { storedAxis, type Value } from '../Value.js';
import type { WindowPadding } from '../WindowPadding.js';
import type { ConstData, GraphOpContext, GraphOpConverter, GraphOpOutput } from './GraphOpContext.js';
import { emitTfActivation, TF_ACTIVATIONS, tfActivationName } from './tfActivations.js';

/** Strides, dilations and padding (SAME, VALID, EXPLICIT) of an NHWC window op. */
export function tfWindow(ctx: GraphOpContext): { strides: [number, number]; dilations: [number, number]; padding: WindowPadding } {
  const a = ctx.attrs;
  const format = a.string('data_format', 'NHWC');
  if (format !== 'NHWC') ctx.fail(`data_format "${format}" is not supported (only NHWC, which the TF.js converter writes)`);
  const s = a.ints('strides', [1, 1, 1, 1]);
  const d = a.ints('dilations', [1, 1, 1, 1]);
  if (!hasRank(s, 4) || !hasRank(d, 4)) return ctx.fail(`strides [${s.join(', ')}] and dilations [${d.join(', ')}] need 4 values each (NHWC)`);
  const p = a.string('padding');
  let padding: WindowPadding;
  if (p === 'SAME' || p === 'VALID') padding = p === 'SAME' ? 'same' : 'valid';
  else if (p === 'EXPLICIT') {
    const e = a.ints('explicit_paddings');
    if (!hasRank(e, 8)) return ctx.fail(`explicit_paddings has ${e.length} values; expected 8 (NHWC)`);
    padding = [
      [e[2], e[3]],
      [e[4], e[5]],
    ];
  } else return ctx.fail(`padding "${p}" is not SAME, VALID or EXPLICIT`);
  return { strides: [s[1], s[2]], dilations: [d[1], d[2]], padding };
}

/** TF's batch norm constants: scale, offset, mean, variance. */
type BatchNormParams = OfRank<4, ConstData>;

/** A fused op's tail: `fused_ops` [BiasAdd | FusedBatchNorm, activation?], with their extra inputs from `first`. */
interface FusedTail {
  bias?: ConstData;
  batchNorm?: BatchNormParams;
  activation?: string;
  /** Input index of Prelu's slope. */
  preluInput?: number;
}

function fusedTail(ctx: GraphOpContext, first: number): FusedTail {
  const ops = ctx.attrs.strings('fused_ops');
  const tail: FusedTail = {};
  let next = first;
  let i = 0;
  if (ops[i] === 'BiasAdd') {
    tail.bias = ctx.constant(next);
    next += 1;
    i++;
  } else if (ops[i] === 'FusedBatchNorm' || ops[i] === 'FusedBatchNormV3') {
    tail.batchNorm = [ctx.constant(next), ctx.constant(next + 1), ctx.constant(next + 2), ctx.constant(next + 3)];
    next += 4;
    i++;
  }
  if (i < ops.length) {
    const act = ops[i++]!; // i < ops.length
    if (!TF_ACTIVATIONS[act] && act !== 'LeakyRelu' && act !== 'Prelu') ctx.fail(`fused activation ${act} has no ONNX mapping`);
    tail.activation = act;
    if (act === 'Prelu') tail.preluInput = next;
  }
  if (i < ops.length) ctx.fail(`fused_ops [${ops.join(', ')}] are not supported (BiasAdd or FusedBatchNorm, then one activation)`);
  return tail;
}

/** BatchNormalization (inference) of an NCHW value from TF's scale, offset, mean, variance. */
export function emitBatchNorm(ctx: GraphOpContext, x: Value, params: BatchNormParams, epsilon: number, out: string): Value {
  const { b } = ctx.e;
  const keys = ['scale', 'offset', 'mean', 'variance'] as const;
  const names = params.map((c, i) => b.floatInit(`${ctx.name}/${keys[i]}`, c.data as Float32Array, c.shape));
  b.node('BatchNormalization', [ctx.e.nchw(x), ...names], out, { epsilon: attr.float(epsilon) });
  return { tensor: out, shape: x.shape, layout: 'NCHW' };
}

/** Applies a fused tail after `linear` (which writes `out`), ending in the node's own tensor. */
function finish(ctx: GraphOpContext, tail: FusedTail, linear: (out: string) => Value, kind: GraphOpOutput['kind']): GraphOpOutput {
  const { b } = ctx.e;
  const steps = (tail.batchNorm ? 1 : 0) + (tail.activation ? 1 : 0);
  let v = linear(steps ? b.fresh(`${ctx.name}/${kind === 'dense' ? 'MatMul' : 'Conv2D'}`) : ctx.name);
  if (tail.batchNorm) {
    tail.batchNorm.forEach((c) => ctx.keep(c));
    v = emitBatchNorm(ctx, v, tail.batchNorm, ctx.attrs.float('epsilon', 1e-3), tail.activation ? b.fresh(`${ctx.name}/FusedBatchNorm`) : ctx.name);
  }
  if (!tail.activation) return { value: v, kind, activation: 'linear' };
  const preactivation = v.tensor;
  const slope = tail.preluInput === undefined ? undefined : ctx.tensor(tail.preluInput, v).tensor;
  v = emitTfActivation(ctx, tail.activation, v, ctx.name, { alpha: ctx.attrs.float('leakyrelu_alpha', 0.2), preluSlope: slope });
  return { value: v, kind, activation: tfActivationName(tail.activation), preactivation };
}

/** Conv2D / _FusedConv2D (`hwio`) and DepthwiseConv2dNative / FusedDepthwiseConv2dNative (`depthwise`). */
function convOp(format: 'hwio' | 'depthwise'): GraphOpConverter {
  return (ctx) => {
    const x = ctx.tensor(0);
    if (x.shape.length !== 4) return ctx.fail(`its input has rank ${x.shape.length}; convolutions take [batch, height, width, channels]`);
    const k = ctx.constant(1);
    ctx.keep(k);
    const fused = ctx.node.op.startsWith('_Fused') || ctx.node.op.startsWith('Fused');
    const tail = fused ? fusedTail(ctx, 2) : {};
    if (tail.bias) ctx.keep(tail.bias);
    const w = tfWindow(ctx);
    return finish(
      ctx,
      tail,
      (out) =>
        emitConv(ctx.e, x, { kernel: { data: k.data as Float32Array, shape: k.shape, format }, bias: tail.bias?.data as Float32Array | undefined, ...w }, out, {
          kernel: `${ctx.name}/filter`,
          bias: `${ctx.name}/bias`,
          layer: null,
        }),
      'conv',
    );
  };
}

export const conv2d = convOp('hwio');
export const depthwiseConv2d = convOp('depthwise');

/**
 * MatMul / _FusedMatMul of a [N, in] tensor: a Gemm with the constant weight (transpose flags as
 * Gemm's), bias and activation from `fused_ops`; two computed operands give a MatMul.
 */
export const matMul: GraphOpConverter = (ctx) => {
  const a = ctx.tensor(0);
  const aShape = a.shape;
  if (!hasRank(aShape, 2)) return ctx.fail(`its first input has rank ${a.shape.length}; only [batch, features] is supported`);
  const transA = ctx.attrs.bool('transpose_a', false);
  const transB = ctx.attrs.bool('transpose_b', false);
  const { b } = ctx.e;
  const tail = ctx.node.op === '_FusedMatMul' ? fusedTail(ctx, 2) : {};
  if (tail.batchNorm) return ctx.fail('a MatMul fused with FusedBatchNorm is not supported');
  if (!ctx.isConst(1)) {
    const w = ctx.tensor(1);
    const wShape = w.shape;
    if (tail.bias || tail.activation) return ctx.fail('a fused MatMul of two computed tensors is not supported');
    if (!hasRank(wShape, 2)) return ctx.fail(`its second input has rank ${w.shape.length}; a MatMul takes two matrices`);
    const t = (v: Value, yes: boolean) => (yes ? b.node('Transpose', [v.tensor], undefined, { perm: attr.ints([1, 0]) }, `${ctx.name}/Transpose`) : v.tensor);
    b.node('MatMul', [t(a, transA), t(w, transB)], ctx.name);
    return { value: { tensor: ctx.name, shape: [aShape[transA ? 1 : 0], wShape[transB ? 0 : 1]], layout: 'flat' }, kind: 'merge' };
  }
  const w = ctx.constant(1);
  const wShape = w.shape;
  if (!hasRank(wShape, 2)) return ctx.fail(`its weight has shape [${w.shape.join(', ')}]; a MatMul weight is a matrix`);
  ctx.keep(w);
  if (tail.bias) ctx.keep(tail.bias);
  const units = wShape[transB ? 0 : 1];
  return finish(
    ctx,
    tail,
    (out) => {
      const inputs = [a.tensor, b.floatInit(`${ctx.name}/weights`, w.data as Float32Array, w.shape)];
      if (tail.bias) inputs.push(b.floatInit(`${ctx.name}/bias`, tail.bias.data as Float32Array, tail.bias.shape));
      b.node('Gemm', inputs, out, { transA: attr.int(transA ? 1 : 0), transB: attr.int(transB ? 1 : 0) });
      return { tensor: out, shape: [aShape[transA ? 1 : 0], units], layout: 'flat' };
    },
    'dense',
  );
};

/** BiasAdd: a constant vector added along the channels (the last NHWC axis). */
export const biasAdd: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const format = ctx.attrs.string('data_format', 'NHWC');
  if (format !== 'NHWC') return ctx.fail(`data_format "${format}" is not supported (only NHWC)`);
  const bias = ctx.constant(1);
  ctx.keep(bias);
  const dims = GraphEmitter.alongAxis(x.shape.length, storedAxis(x, -1), bias.data.length);
  ctx.e.b.node('Add', [x.tensor, ctx.e.b.floatInit(`${ctx.name}/bias`, bias.data as Float32Array, dims)], ctx.name);
  return { value: { ...x, tensor: ctx.name }, kind: 'bias' };
};

/** FusedBatchNorm / V2 / V3 at inference (its first output only). */
export const fusedBatchNorm: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  if (x.shape.length !== 4) return ctx.fail(`its input has rank ${x.shape.length}; FusedBatchNorm takes [batch, height, width, channels]`);
  const format = ctx.attrs.string('data_format', 'NHWC');
  if (format !== 'NHWC') return ctx.fail(`data_format "${format}" is not supported (only NHWC)`);
  if (ctx.attrs.bool('is_training', false)) return ctx.fail('is_training is true; only inference batch norms convert');
  const params: BatchNormParams = [ctx.constant(1), ctx.constant(2), ctx.constant(3), ctx.constant(4)];
  params.forEach((c) => ctx.keep(c));
  return { value: emitBatchNorm(ctx, x, params, ctx.attrs.float('epsilon', 1e-3), ctx.name), kind: 'normalization' };
};
