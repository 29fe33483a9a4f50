import { emitPool } from '../emitPool.js';
import { attr } from '../onnxAttr.js';
import type { LayerContext, LayerConverter } from './LayerContext.js';

function pooling(type: 'max' | 'avg'): LayerConverter {
  return (ctx) => {
    const x = ctx.input4d();
    const c = ctx.config;
    c.channelsLast();
    const pool = c.pair('pool_size', [2, 2]);
    const strides = c.pair('strides', pool);
    return { value: emitPool(ctx.e, x, { type, pool, strides, padding: c.padding() }, ctx.name), kind: 'pool' };
  };
}

/** MaxPooling2D / AveragePooling2D (`same` / `valid`; strides default to the pool size). */
export const maxPooling2d = pooling('max');
export const averagePooling2d = pooling('avg');

function globalPooling(type: 'max' | 'avg'): LayerConverter {
  return (ctx: LayerContext) => {
    const x = ctx.input4d();
    ctx.config.channelsLast();
    const keepdims = ctx.config.bool('keepdims', false);
    const { b } = ctx.e;
    const op = type === 'max' ? 'GlobalMaxPool' : 'GlobalAveragePool';
    const kind = type === 'max' ? 'global-max-pool' : 'global-avg-pool';
    const channels = x.shape[3];
    if (keepdims) {
      b.node(op, [ctx.e.nchw(x)], ctx.name);
      return { value: { tensor: ctx.name, shape: [x.shape[0], 1, 1, channels], layout: 'NCHW' }, kind };
    }
    const pooled = b.node(op, [ctx.e.nchw(x)], undefined, {}, `${ctx.name}/${op}`);
    b.node('Flatten', [pooled], ctx.name, { axis: attr.int(1) });
    return { value: { tensor: ctx.name, shape: [x.shape[0], channels], layout: 'flat' }, kind };
  };
}

/** GlobalAveragePooling2D / GlobalMaxPooling2D → [N, C] ([N, 1, 1, C] with keepdims). */
export const globalAveragePooling2d = globalPooling('avg');
export const globalMaxPooling2d = globalPooling('max');
