import { attr } from '../onnxAttr.js';
import { composePerm } from '../transposeData.js';
import { batchDim, TO_NCHW, TO_NHWC, type Value } from '../Value.js';
import type { LayerConverter } from './LayerContext.js';

/**
 * Flatten in Keras's order: an image-shaped value is flattened (h, w, c), so its NCHW tensor is first
 * transposed back to NHWC.
 */
export const flatten: LayerConverter = (ctx) => {
  const x = ctx.input();
  ctx.config.channelsLast();
  ctx.e.b.node('Flatten', [ctx.e.native(x)], ctx.name, { axis: attr.int(1) });
  const rest = x.shape.slice(1);
  const size = rest.includes(null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
  return { value: { tensor: ctx.name, shape: [batchDim(x), size], layout: 'flat' }, kind: 'reshape' };
};

/** Reshape(target_shape) of the channels-last value (−1, which TF.js saves as null, is inferred); a 4-D result is stored NCHW again. */
export const reshape: LayerConverter = (ctx) => {
  const x = ctx.input();
  const raw = ctx.config.get('target_shape');
  const target = Array.isArray(raw) ? raw.map((d) => (d === null ? -1 : d)) : raw;
  if (!Array.isArray(target) || !target.every((d) => Number.isInteger(d)) || target.filter((d) => d === -1).length > 1) {
    return ctx.fail(`config "target_shape" is ${JSON.stringify(raw)}; expected a list of integers with at most one -1`);
  }
  const { b } = ctx.e;
  const rest = x.shape.slice(1);
  const total = rest.includes(null) ? null : (rest as number[]).reduce((a, c) => a * c, 1);
  const known = target.filter((d) => d !== -1).reduce((a, c) => a * c, 1);
  const shape: (number | null)[] = [batchDim(x), ...target.map((d) => (d === -1 ? (total === null ? null : total / known) : d))];
  const to4d = shape.length === 4;
  // 0 copies the batch size.
  const r = b.node('Reshape', [ctx.e.native(x), b.int64Const([0, ...target])], to4d ? undefined : ctx.name, {}, `${ctx.name}/Reshape`);
  if (to4d) b.node('Transpose', [r], ctx.name, { perm: attr.ints(TO_NCHW) });
  return { value: { tensor: ctx.name, shape, layout: to4d ? 'NCHW' : 'flat' }, kind: 'reshape' };
};

/** Permute(dims) (1-based, batch excluded), composed with the layouts into one Transpose of the stored tensor. */
export const permute: LayerConverter = (ctx) => {
  const x = ctx.input();
  const dims = ctx.config.ints('dims');
  const rank = x.shape.length;
  if (dims.length !== rank - 1 || [...dims].sort((p, q) => p - q).some((d, i) => d !== i + 1)) {
    return ctx.fail(`dims [${dims.join(', ')}] is not a permutation of 1..${rank - 1}`);
  }
  const q = [0, ...dims];
  const fromStored = x.layout === 'NCHW' ? TO_NHWC : q.map((_, i) => i);
  let perm = composePerm(fromStored, q);
  if (rank === 4) perm = composePerm(perm, TO_NCHW);
  ctx.e.b.node('Transpose', [x.tensor], ctx.name, { perm: attr.ints(perm) });
  // q permutes 0..rank-1 (checked above), so x.shape[p] exists.
  const value: Value = { tensor: ctx.name, shape: q.map((p) => x.shape[p] as number | null), layout: rank === 4 ? 'NCHW' : 'flat' };
  return { value, kind: 'reshape' };
};

/** Layers that pass their input on at inference time (Dropout, noise, …): an Identity named after the layer. */
export const identity: LayerConverter = (ctx) => {
  const x = ctx.input();
  ctx.e.b.node('Identity', [x.tensor], ctx.name);
  return { value: { ...x, tensor: ctx.name }, kind: 'identity' };
};
