import { emitConv } from '../emitConv.js';
import type { Value } from '../Value.js';
import { withFusedActivation } from './fusedActivation.js';
import type { LayerConverter } from './LayerContext.js';

/**
 * Dense: `x · kernel + bias` over the last axis. On [N, in] a Gemm (its B is the Keras kernel [in, out]
 * as is); on an image-shaped [N, H, W, in] a 1×1 Conv (the last axis is NCHW's channel axis); on other
 * ranks MatMul + Add.
 */
export const dense: LayerConverter = (ctx) => {
  const x = ctx.input();
  const units = ctx.config.number('units');
  const cin = x.shape[x.shape.length - 1];
  const inDim = cin ?? 0;
  const kernel = ctx.weight('kernel', [inDim, units]);
  const useBias = ctx.config.bool('use_bias', true);
  const bias = useBias ? ctx.weight('bias', [units]) : undefined;
  const { e } = ctx;
  const shape = [...x.shape.slice(0, -1), units];
  return withFusedActivation(ctx, 'dense', (out): Value => {
    if (x.shape.length === 4) {
      const conv = {
        kernel: { data: kernel.data as Float32Array, shape: [1, 1, ...kernel.shape], format: 'hwio' as const },
        bias: bias?.data as Float32Array | undefined,
      };
      const v = emitConv(e, x, { ...conv, strides: [1, 1], dilations: [1, 1], padding: 'valid' }, out, {
        kernel: `${ctx.name}/kernel`,
        bias: `${ctx.name}/bias`,
        layer: null,
      });
      // The ONNX weight is [out, in, 1, 1]: Keras's [in, out] is its transpose.
      e.keep(ctx.name, { init: v.kernelInit, onnxShape: [units, inDim], perm: [1, 0], trainable: true });
      if (v.biasInit) e.keep(ctx.name, { init: v.biasInit, onnxShape: [units], perm: [0], trainable: true });
      return { tensor: v.tensor, shape: v.shape, layout: v.layout };
    }
    const k = e.b.floatInit(`${ctx.name}/kernel`, kernel.data as Float32Array, kernel.shape);
    e.keep(ctx.name, { init: k, onnxShape: kernel.shape, perm: [0, 1], trainable: true });
    const b = bias ? e.b.floatInit(`${ctx.name}/bias`, bias.data as Float32Array, [units]) : undefined;
    if (b) e.keep(ctx.name, { init: b, onnxShape: [units], perm: [0], trainable: true });
    if (x.shape.length === 2) {
      const inputs = [x.tensor, k];
      if (b) inputs.push(b);
      e.b.node('Gemm', inputs, out);
    } else if (b) {
      e.b.node('Add', [e.b.node('MatMul', [x.tensor, k], undefined, {}, `${out}/MatMul`), b], out);
    } else {
      e.b.node('MatMul', [x.tensor, k], out);
    }
    return { tensor: out, shape, layout: 'flat' };
  });
};
