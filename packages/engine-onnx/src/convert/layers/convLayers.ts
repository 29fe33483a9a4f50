import { emitConv } from '../emitConv.js';
import { withFusedActivation } from './fusedActivation.js';
import type { LayerContext, LayerConverter } from './LayerContext.js';

function window(ctx: LayerContext) {
  const c = ctx.config;
  c.channelsLast();
  return { strides: c.pair('strides', [1, 1]), dilations: c.pair('dilation_rate', [1, 1]), padding: c.padding() };
}

/**
 * The depthwise kernel [kh, kw, in, multiplier]. The multiplier comes from the weight when the config
 * omits it (TF.js's SeparableConv2D does not save `depth_multiplier`).
 */
function depthwiseKernel(ctx: LayerContext, cin: number | null) {
  const [kh, kw] = ctx.config.pair('kernel_size');
  const w = ctx.weight('depthwise_kernel');
  const mult = ctx.config.number('depth_multiplier', w.shape[3]);
  const want: [number, number, number, number] = [kh, kw, cin ?? 0, mult];
  if (w.shape.length !== 4 || want.some((d, i) => d !== w.shape[i])) {
    return ctx.fail(`its weight "${w.name}" has shape [${w.shape.join(', ')}]; the layer's config and input need [${want.join(', ')}]`);
  }
  return { ...w, shape: want };
}

function bias(ctx: LayerContext, size: number): Float32Array | undefined {
  return ctx.config.bool('use_bias', true) ? (ctx.weight('bias', [size]).data as Float32Array) : undefined;
}

/** Conv2D (strides, dilation, `same`/`valid`, groups, use_bias, fused activation). */
export const conv2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  const w = window(ctx);
  const groups = ctx.config.number('groups', 1);
  const [kh, kw] = ctx.config.pair('kernel_size');
  const filters = ctx.config.number('filters');
  const kernel = ctx.weight('kernel', [kh, kw, (x.shape[3] ?? 0) / groups, filters]);
  return withFusedActivation(ctx, 'conv', (out) =>
    emitConv(ctx.e, x, { kernel: { data: kernel.data as Float32Array, shape: kernel.shape, format: 'hwio' }, bias: bias(ctx, filters), groups, ...w }, out, {
      kernel: `${ctx.name}/kernel`,
      bias: `${ctx.name}/bias`,
      layer: ctx.name,
    }),
  );
};

/**
 * DepthwiseConv2D (depth_multiplier): a grouped ONNX Conv with one group per input channel. TF.js's
 * DepthwiseConv2D ignores `dilation_rate` (tfjs-layers 4.22 passes no dilation), so a model written by
 * TF.js is converted as TF.js computes it; Keras's is dilated.
 */
export const depthwiseConv2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  const w = window(ctx);
  if (ctx.fromTfjs) w.dilations = [1, 1];
  const kernel = depthwiseKernel(ctx, x.shape[3]);
  const mult = kernel.shape[3];
  return withFusedActivation(ctx, 'conv', (out) =>
    emitConv(
      ctx.e,
      x,
      { kernel: { data: kernel.data as Float32Array, shape: kernel.shape, format: 'depthwise' }, bias: bias(ctx, kernel.shape[2] * mult), ...w },
      out,
      { kernel: `${ctx.name}/depthwise_kernel`, bias: `${ctx.name}/bias`, layer: ctx.name },
    ),
  );
};

/** SeparableConv2D: the depthwise conv (its output `<layer>/depthwise`), then the 1×1 pointwise conv with the bias. */
export const separableConv2d: LayerConverter = (ctx) => {
  const x = ctx.input4d();
  const w = window(ctx);
  const filters = ctx.config.number('filters');
  const cin = x.shape[3] ?? 0;
  const dw = depthwiseKernel(ctx, cin);
  const mult = dw.shape[3];
  const pw = ctx.weight('pointwise_kernel', [1, 1, cin * mult, filters]);
  const b = bias(ctx, filters);
  const mid = emitConv(
    ctx.e,
    x,
    { kernel: { data: dw.data as Float32Array, shape: dw.shape, format: 'depthwise' }, ...w },
    ctx.e.b.fresh(`${ctx.name}/depthwise`),
    {
      kernel: `${ctx.name}/depthwise_kernel`,
      bias: `${ctx.name}/depthwise_bias`,
      layer: ctx.name,
    },
  );
  return withFusedActivation(ctx, 'conv', (out) =>
    emitConv(
      ctx.e,
      mid,
      { kernel: { data: pw.data as Float32Array, shape: pw.shape, format: 'hwio' }, bias: b, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
      out,
      { kernel: `${ctx.name}/pointwise_kernel`, bias: `${ctx.name}/bias`, layer: ctx.name },
    ),
  );
};
