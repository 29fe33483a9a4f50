import { GraphEmitter } from '../GraphEmitter.js';
import { attr } from '../onnxAttr.js';
import { storedAxis, type Value } from '../Value.js';
import type { LayerContext, LayerConverter } from './LayerContext.js';

/** A layer's `axis` config as one TF axis (Keras 2 saves BatchNormalization's as `[3]`). */
function singleAxis(ctx: LayerContext, fallback: number): number {
  const raw = ctx.config.get('axis');
  const a = Array.isArray(raw) && raw.length === 1 ? raw[0] : (raw ?? fallback);
  if (!Number.isInteger(a)) return ctx.fail(`axis ${JSON.stringify(raw)} is not supported (one integer axis is)`);
  return a as number;
}

/**
 * `y = x · scale + shift` with per-channel constants along TF axis `axis` of `x`, written to `out`
 * (Mul, then Add into the layer's tensor).
 */
function channelAffine(ctx: LayerContext, x: Value, axis: number, scale: Float32Array, shift: Float32Array): Value {
  const { e } = ctx;
  const dims = GraphEmitter.alongAxis(x.shape.length, storedAxis(x, axis), scale.length);
  const scaled = e.b.node('Mul', [x.tensor, e.b.floatInit(`${ctx.name}/scale`, scale, dims)], undefined, {}, `${ctx.name}/Mul`);
  e.b.node('Add', [scaled, e.b.floatInit(`${ctx.name}/shift`, shift, dims)], ctx.name);
  return { ...x, tensor: ctx.name };
}

/**
 * BatchNormalization at inference: `(x − moving_mean) / √(moving_variance + ε) · gamma + beta`, with
 * gamma = 1 when `scale: false` and beta = 0 when `center: false`. An ONNX BatchNormalization when the
 * axis is the stored channel axis (NCHW's 1, or the last axis of [N, C]); otherwise the same affine map
 * as Mul + Add.
 */
export const batchNormalization: LayerConverter = (ctx) => {
  const x = ctx.input();
  const axis = singleAxis(ctx, -1);
  const stored = storedAxis(x, axis);
  const size = x.shape[axis < 0 ? axis + x.shape.length : axis] ?? 0;
  const c = ctx.config;
  const eps = c.number('epsilon', 1e-3);
  const gamma = c.bool('scale', true) ? (ctx.weight('gamma', [size]).data as Float32Array) : null;
  const beta = c.bool('center', true) ? (ctx.weight('beta', [size]).data as Float32Array) : null;
  const mean = ctx.weight('moving_mean', [size]).data as Float32Array;
  const variance = ctx.weight('moving_variance', [size]).data as Float32Array;
  const { e } = ctx;
  const keep = (data: Float32Array, trainable: boolean) => e.keep(ctx.name, { init: data, onnxShape: [size], perm: [0], trainable });
  if (stored === 1) {
    const init = (key: string, data: Float32Array, trainable: boolean) => {
      const name = e.b.floatInit(`${ctx.name}/${key}`, data, [size]);
      e.keep(ctx.name, { init: name, onnxShape: [size], perm: [0], trainable });
      return name;
    };
    const g = gamma ? init('gamma', gamma, true) : e.b.floatInit(`${ctx.name}/gamma`, new Float32Array(size).fill(1), [size]);
    const b = beta ? init('beta', beta, true) : e.b.floatInit(`${ctx.name}/beta`, new Float32Array(size), [size]);
    const m = init('moving_mean', mean, false);
    const v = init('moving_variance', variance, false);
    e.b.node('BatchNormalization', [x.tensor, g, b, m, v], ctx.name, { epsilon: attr.float(eps) });
    return { value: { ...x, tensor: ctx.name }, kind: 'normalization' };
  }
  if (gamma) keep(gamma, true);
  if (beta) keep(beta, true);
  keep(mean, false);
  keep(variance, false);
  const scale = new Float32Array(size);
  const shift = new Float32Array(size);
  // Every weight has `size` values (ctx.weight checked its shape).
  for (let i = 0; i < size; i++) {
    const s = (gamma ? gamma[i]! : 1) / Math.sqrt(variance[i]! + eps);
    scale[i] = s;
    shift[i] = (beta ? beta[i]! : 0) - mean[i]! * s;
  }
  return { value: channelAffine(ctx, x, axis, scale, shift), kind: 'normalization' };
};

/** A number or a list of numbers (one per channel) from the config. */
function numbers(ctx: LayerContext, key: string, fallback: number): Float32Array {
  const v = ctx.config.get(key);
  if (v === undefined || v === null) return Float32Array.of(fallback);
  if (typeof v === 'number') return Float32Array.of(v);
  if (Array.isArray(v) && v.flat(8).every((n) => typeof n === 'number')) return Float32Array.from(v.flat(8) as number[]);
  return ctx.fail(`config "${key}" is ${JSON.stringify(v)}; expected a number or a list of numbers`);
}

/** Rescaling: `x · scale + offset` (scalars, or one value per channel). */
export const rescaling: LayerConverter = (ctx) => {
  const x = ctx.input();
  const scale = numbers(ctx, 'scale', 1);
  const offset = numbers(ctx, 'offset', 0);
  const n = Math.max(scale.length, offset.length);
  // numbers() gives one value at least (a scalar, or one per channel).
  const full = (a: Float32Array) => (a.length === n ? a : new Float32Array(n).fill(a[0]!));
  if (n === 1) {
    const { b } = ctx.e;
    const scaled = b.node('Mul', [x.tensor, b.floatConst([scale[0]!], [])], undefined, {}, `${ctx.name}/Mul`);
    b.node('Add', [scaled, b.floatConst([offset[0]!], [])], ctx.name);
    return { value: { ...x, tensor: ctx.name }, kind: 'normalization' };
  }
  return { value: channelAffine(ctx, x, -1, full(scale), full(offset)), kind: 'normalization' };
};

/**
 * Keras Normalization (adapted or given mean/variance): `(x − mean) / max(√variance, 1e-7)` along one
 * axis (default the last); `invert: true` gives `x · √variance + mean`.
 */
export const normalization: LayerConverter = (ctx) => {
  const x = ctx.input();
  const axis = singleAxis(ctx, -1);
  const size = x.shape[axis < 0 ? axis + x.shape.length : axis] ?? 0;
  const values = (key: string): Float32Array => {
    const w = ctx.optionalWeight(key);
    const data = w
      ? (w.data as Float32Array)
      : ctx.config.has(key)
        ? numbers(ctx, key, 0)
        : ctx.fail(`has neither a "${key}" weight nor a "${key}" in its config`);
    if (data.length === size) return data;
    if (data.length === 1) return new Float32Array(size).fill(data[0]!);
    return ctx.fail(`"${key}" has ${data.length} values for ${size} channels`);
  };
  const mean = values('mean');
  const variance = values('variance');
  const scale = new Float32Array(size);
  const shift = new Float32Array(size);
  const invert = ctx.config.bool('invert', false);
  // values() returns `size` values.
  for (let i = 0; i < size; i++) {
    const sd = Math.sqrt(variance[i]!);
    const s = invert ? sd : 1 / Math.max(sd, 1e-7);
    scale[i] = s;
    shift[i] = invert ? mean[i]! : -mean[i]! * s;
  }
  ctx.e.keep(ctx.name, { init: mean, onnxShape: [size], perm: [0], trainable: false });
  ctx.e.keep(ctx.name, { init: variance, onnxShape: [size], perm: [0], trainable: false });
  return { value: channelAffine(ctx, x, axis, scale, shift), kind: 'normalization' };
};
