import { emitPool } from '../emitPool.js';
import { attr } from '../onnxAttr.js';
import { hasRank } from '../../ofRank.js';
import { storedAxis } from '../Value.js';
import { tfWindow } from './convOps.js';
import type { GraphOpConverter } from './GraphOpContext.js';
import { dropAxes } from './shapeOps.js';

/** MaxPool / AvgPool (ksize [1, kh, kw, 1], SAME / VALID). */
export const pool: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  if (x.shape.length !== 4) return ctx.fail(`its input has rank ${x.shape.length}; pooling takes [batch, height, width, channels]`);
  const k = ctx.attrs.ints('ksize');
  if (!hasRank(k, 4)) return ctx.fail(`ksize [${k.join(', ')}] has ${k.length} values; expected 4 (NHWC)`);
  const { strides, padding } = tfWindow(ctx);
  const type = ctx.node.op === 'MaxPool' ? 'max' : 'avg';
  return { value: emitPool(ctx.e, x, { type, pool: [k[1], k[2]], strides, padding }, ctx.name), kind: 'pool' };
};

const REDUCE: Record<string, string> = { Mean: 'ReduceMean', Max: 'ReduceMax', Min: 'ReduceMin', Prod: 'ReduceProd', Sum: 'ReduceSum' };

/**
 * Mean / Max / Min / Prod / Sum over constant axes. Mean and Max over the spatial axes of an image are
 * global pools (GlobalAveragePool / GlobalMaxPool, then Flatten unless keep_dims).
 */
export const reduce: GraphOpConverter = (ctx) => {
  const x = ctx.tensor(0);
  const rank = x.shape.length;
  const axes = [...new Set(ctx.ints(1).map((a) => (a < 0 ? a + rank : a)))].sort((p, q) => p - q);
  const keep = ctx.attrs.bool('keep_dims', false);
  const { e } = ctx;
  const shape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  const spatial = rank === 4 && axes.join() === '1,2' && (ctx.node.op === 'Mean' || ctx.node.op === 'Max');
  if (spatial) {
    const op = ctx.node.op === 'Mean' ? 'GlobalAveragePool' : 'GlobalMaxPool';
    const kind = ctx.node.op === 'Mean' ? 'global-avg-pool' : 'global-max-pool';
    if (keep) {
      e.b.node(op, [e.nchw(x)], ctx.name);
      return { value: { tensor: ctx.name, shape, layout: 'NCHW' }, kind };
    }
    e.b.node('Flatten', [e.b.node(op, [e.nchw(x)], undefined, {}, `${ctx.name}/${op}`)], ctx.name, { axis: attr.int(1) });
    return { value: { tensor: ctx.name, shape, layout: 'flat' }, kind };
  }
  const onnxOp = REDUCE[ctx.node.op] ?? ctx.fail('is not a reduction this converter maps');
  const target = keep ? { tensor: x.tensor, axes: axes.map((a) => storedAxis(x, a)).sort((p, q) => p - q) } : dropAxes(ctx, x, axes);
  const layout = keep ? x.layout : shape.length === 4 ? 'NHWC' : 'flat';
  if (onnxOp === 'ReduceSum') e.b.node(onnxOp, [target.tensor, e.b.int64Const(target.axes)], ctx.name, { keepdims: attr.int(keep ? 1 : 0) });
  else e.b.node(onnxOp, [target.tensor], ctx.name, { axes: attr.ints(target.axes), keepdims: attr.int(keep ? 1 : 0) });
  return { value: { tensor: ctx.name, shape, layout }, kind: 'other' };
};
