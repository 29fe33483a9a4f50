/**
 * Stop-gap for training on the wasm backend before `@visor/core` exports `registerWasmKernels`:
 * a `Conv2DBackpropFilter` kernel for wasm built from wasm's own kernels, using the identity
 *   dW[i, j, ci, co] = Σ_{n,y,x} xpad[n, y·s + i, x·s + j, ci] · dy[n, y, x, co]
 * i.e. a stride-1 convolution of xpadᵀ ([Ci, Hp, Wp, N]) with dyᵀ ([OH, OW, N, Co]) dilated by
 * the forward stride, cropped to the kernel size. Only the training script uses it.
 */
import * as tf from '@tensorflow/tfjs';

const call = (name, backend, inputs, attrs) => tf.getKernel(name, 'wasm').kernelFunc({ inputs, backend, attrs });

function conv2DBackpropFilterWasm({ inputs, backend, attrs }) {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropFilter (wasm stop-gap): only NHWC is supported, got ${dataFormat}`);
  }
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode);
  const [kh, kw, ci, co] = filterShape;
  const { top, left } = info.padInfo;
  const [, H, W] = x.shape;
  // pad enough on the far side for the dilated "filter" to reach every kernel offset
  const needH = (info.outHeight - 1) * info.strideHeight + kh;
  const needW = (info.outWidth - 1) * info.strideWidth + kw;
  const bottom = Math.max(0, needH - H - top);
  const right = Math.max(0, needW - W - left);
  const temps = [];
  const keep = (t) => (temps.push(t), t);
  const xp = keep(call('PadV2', backend, { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 }));
  const xt = keep(call('Transpose', backend, { x: xp }, { perm: [3, 1, 2, 0] }));
  const dyt = keep(call('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
  const full = keep(
    call('Conv2D', backend, { x: xt, filter: dyt }, {
      strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth],
    }),
  );
  const cropped = keep(call('Slice', backend, { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
  const out = call('Transpose', backend, { x: cropped }, { perm: [1, 2, 0, 3] });
  for (const t of temps) backend.disposeData(t.dataId);
  return out;
}

/** Registers the kernel on wasm unless one is registered already (e.g. by @visor/core). */
export function registerWasmConv2DBackpropFilter() {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return false;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilterWasm });
  return true;
}
