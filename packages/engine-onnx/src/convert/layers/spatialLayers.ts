import { attr, type OnnxAttr } from '../onnxAttr.js';
import type { LayerConverter } from './LayerContext.js';

const INT64_MAX = 2 ** 53 - 1;

/** ZeroPadding2D: a constant-0 Pad of the spatial axes. */
export const zeroPadding2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  ctx.config.channelsLast();
  const [[t, bo], [l, r]] = ctx.config.pads2d('padding');
  const { e } = ctx;
  e.b.node('Pad', [e.nchw(x), e.b.int64Const([0, 0, t, l, 0, 0, bo, r])], ctx.name, { mode: attr.string('constant') });
  const add = (d: number | null, n: number) => (d === null ? null : d + n);
  return { value: { tensor: ctx.name, shape: [x.shape[0], add(x.shape[1], t + bo), add(x.shape[2], l + r), x.shape[3]], layout: 'NCHW' }, kind: 'padding' };
};

/** Cropping2D: a Slice of the spatial axes. */
export const cropping2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  ctx.config.channelsLast();
  const [[t, bo], [l, r]] = ctx.config.pads2d('cropping');
  const { e } = ctx;
  const ends = [bo > 0 ? -bo : INT64_MAX, r > 0 ? -r : INT64_MAX];
  e.b.node('Slice', [e.nchw(x), e.b.int64Const([t, l]), e.b.int64Const(ends), e.b.int64Const([2, 3])], ctx.name);
  const sub = (d: number | null, n: number) => (d === null ? null : d - n);
  return { value: { tensor: ctx.name, shape: [x.shape[0], sub(x.shape[1], t + bo), sub(x.shape[2], l + r), x.shape[3]], layout: 'NCHW' }, kind: 'padding' };
};

/**
 * UpSampling2D(size, interpolation): a Resize by integer factors. `nearest` repeats pixels. `bilinear`
 * follows what wrote the model: TF.js interpolates with asymmetric coordinates (resizeBilinear,
 * half_pixel_centers false), Keras (tf.image.resize) with half-pixel ones.
 */
export const upSampling2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  ctx.config.channelsLast();
  const [sh, sw] = ctx.config.pair('size', [2, 2]);
  const interpolation = ctx.config.string('interpolation', 'nearest');
  if (interpolation !== 'nearest' && interpolation !== 'bilinear') return ctx.fail(`interpolation "${interpolation}" is not supported (nearest, bilinear are)`);
  const { e } = ctx;
  const attrs: Record<string, OnnxAttr> =
    interpolation === 'nearest'
      ? { mode: attr.string('nearest'), coordinate_transformation_mode: attr.string('asymmetric'), nearest_mode: attr.string('floor') }
      : { mode: attr.string('linear'), coordinate_transformation_mode: attr.string(ctx.fromTfjs ? 'asymmetric' : 'half_pixel') };
  e.b.node('Resize', [e.nchw(x), '', e.b.floatConst([1, 1, sh, sw])], ctx.name, attrs);
  const mul = (d: number | null, n: number) => (d === null ? null : d * n);
  return { value: { tensor: ctx.name, shape: [x.shape[0], mul(x.shape[1], sh), mul(x.shape[2], sw), x.shape[3]], layout: 'NCHW' }, kind: 'other' };
};
