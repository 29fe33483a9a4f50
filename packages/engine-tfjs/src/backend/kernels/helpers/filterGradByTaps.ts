import type { tf } from '../../../tf.js';

/**
 * Whether Conv2DBackpropFilter should contract per filter tap (one GEMM-shaped 1×1 conv per tap, the
 * batch and output pixels folded into the contracted axis) instead of running the whole identity as
 * one dilated conv. XNNPACK's one-conv form walks an indirection buffer one input channel (the batch)
 * at a time, which is slow when each output value has few terms and the kernel is 1×1 or the output
 * is small; per tap it gets long, dense GEMMs. Measured on ResNet-50's layers, wasm, one thread.
 */
export function filterGradByTaps(info: tf.backend_util.Conv2DInfo): boolean {
  const contracted = info.batchSize * info.outHeight * info.outWidth;
  return (info.filterHeight === 1 && info.filterWidth === 1) || contracted <= 256;
}
