import { activationName, emitActivation } from '../activations.js';
import { attr } from '../onnxAttr.js';
import { transposeData } from '../transposeData.js';
import type { LayerConverter } from './LayerContext.js';

/** Activation(name): the named activation; kind `softmax` for softmax. */
export const activation: LayerConverter = (ctx) => {
  const raw = ctx.config.get('activation');
  const act = activationName(raw);
  if (!act) return ctx.fail(`activation ${JSON.stringify(raw)} has no ONNX mapping`, 'use a built-in Keras activation');
  const x = ctx.input();
  if (act === 'linear') {
    ctx.e.b.node('Identity', [x.tensor], ctx.name);
    return { value: { ...x, tensor: ctx.name }, kind: 'identity', activation: 'linear' };
  }
  const value = emitActivation(ctx.e, act, x, ctx.name, { hardSigmoidSlope: ctx.kerasMajor >= 3 ? 1 / 6 : 0.2 });
  return { value, kind: act === 'softmax' ? 'softmax' : 'activation', activation: act };
};

/**
 * Keras ReLU(max_value, negative_slope, threshold), as `keras.backend.relu` computes it: x where
 * x > threshold (x itself, not clipped, below 0 when threshold < 0) else 0, clipped to [0, max_value]
 * when given, minus negative_slope · relu(threshold − x). Plain cases are one op: Relu, Clip(0, m),
 * LeakyRelu. TF.js's ReLU has only max_value.
 */
export const relu: LayerConverter = (ctx) => {
  const x = ctx.input();
  const { b } = ctx.e;
  const c = (v: number) => b.floatConst([v], []);
  const maxValue = ctx.className === 'ReLU6' ? 6 : ctx.config.optionalNumber('max_value');
  const slope = ctx.config.number('negative_slope', 0);
  const threshold = ctx.config.number('threshold', 0);
  const done = (activation: string) => ({ value: { ...x, tensor: ctx.name }, kind: 'activation' as const, activation });
  if (slope === 0 && threshold === 0) {
    if (maxValue === null) b.node('Relu', [x.tensor], ctx.name);
    else b.node('Clip', [x.tensor, c(0), c(maxValue)], ctx.name);
    return done(maxValue === 6 ? 'relu6' : 'relu');
  }
  if (maxValue === null && threshold === 0) {
    b.node('LeakyRelu', [x.tensor], ctx.name, { alpha: attr.float(slope) });
    return done('leaky_relu');
  }
  const last = slope === 0 ? ctx.name : undefined;
  const tmp = (op: string, inputs: string[], out?: string, attrs = {}) => b.node(op, inputs, out, attrs, `${ctx.name}/${op}`);
  let pos: string;
  if (threshold !== 0) {
    const mask = tmp('Cast', [tmp('Greater', [x.tensor, c(threshold)])], undefined, { to: attr.int(1) });
    pos = tmp('Mul', [x.tensor, mask], maxValue === null ? last : undefined);
    if (maxValue !== null) pos = tmp('Clip', [pos, c(0), c(maxValue)], last);
  } else {
    pos = tmp('Clip', [x.tensor, c(0), c(maxValue as number)], last);
  }
  if (slope !== 0) {
    const neg = tmp('Relu', [tmp('Sub', [c(threshold), x.tensor])]);
    b.node('Sub', [pos, tmp('Mul', [neg, c(slope)])], ctx.name);
  }
  return done(slope !== 0 ? 'leaky_relu' : 'relu');
};

/** LeakyReLU(alpha) (Keras 3: negative_slope; default 0.3). */
export const leakyRelu: LayerConverter = (ctx) => {
  const x = ctx.input();
  const alpha = ctx.config.has('negative_slope') ? ctx.config.number('negative_slope') : ctx.config.number('alpha', 0.3);
  ctx.e.b.node('LeakyRelu', [x.tensor], ctx.name, { alpha: attr.float(alpha) });
  return { value: { ...x, tensor: ctx.name }, kind: 'activation', activation: 'leaky_relu' };
};

/** ELU(alpha) (default 1). */
export const elu: LayerConverter = (ctx) => {
  const x = ctx.input();
  ctx.e.b.node('Elu', [x.tensor], ctx.name, { alpha: attr.float(ctx.config.number('alpha', 1)) });
  return { value: { ...x, tensor: ctx.name }, kind: 'activation', activation: 'elu' };
};

/** ThresholdedReLU(theta): x where x > theta, else 0. */
export const thresholdedRelu: LayerConverter = (ctx) => {
  const x = ctx.input();
  const { b } = ctx.e;
  const theta = ctx.config.number('theta', 1);
  const mask = b.node(
    'Cast',
    [b.node('Greater', [x.tensor, b.floatConst([theta], [])], undefined, {}, `${ctx.name}/Greater`)],
    undefined,
    { to: attr.int(1) },
    `${ctx.name}/Cast`,
  );
  b.node('Mul', [x.tensor, mask], ctx.name);
  return { value: { ...x, tensor: ctx.name }, kind: 'activation', activation: 'thresholded_relu' };
};

/** Softmax(axis) (default −1). */
export const softmax: LayerConverter = (ctx) => {
  const x = ctx.input();
  const axis = ctx.config.get('axis');
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : (axis ?? -1);
  if (!Number.isInteger(a)) return ctx.fail(`axis ${JSON.stringify(axis)} is not supported (one integer axis is)`);
  const value = emitActivation(ctx.e, 'softmax', x, ctx.name, { axis: a as number });
  return { value, kind: 'softmax', activation: 'softmax' };
};

/**
 * PReLU: x where x ≥ 0, else alpha · x, with alpha shaped like one sample (size 1 along `shared_axes`);
 * an image-shaped alpha [H, W, C] is stored as [C, H, W] to broadcast over NCHW.
 */
export const prelu: LayerConverter = (ctx) => {
  const x = ctx.input();
  const alpha = ctx.weight('alpha');
  const { e } = ctx;
  let data = alpha.data as Float32Array;
  let dims = alpha.shape;
  if (x.layout === 'NCHW') {
    if (dims.length !== 3) return ctx.fail(`alpha has shape [${dims.join(', ')}]; expected [height, width, channels] for an image-shaped input`);
    const [h, w, c] = dims as [number, number, number]; // rank 3: checked above
    data = transposeData(data, dims, [2, 0, 1]);
    dims = [c, h, w];
  }
  const init = e.b.floatInit(`${ctx.name}/alpha`, data, dims);
  e.keep(ctx.name, { init, onnxShape: dims, perm: x.layout === 'NCHW' ? [1, 2, 0] : dims.map((_, i) => i), trainable: true });
  e.b.node('PRelu', [x.tensor, init], ctx.name);
  return { value: { ...x, tensor: ctx.name }, kind: 'activation', activation: 'prelu' };
};
