import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';
import { upsample } from './helpers/upsample.js';

/**
 * MaxPoolGrad for wasm, REPLACING tfjs-backend-wasm 4.22's native kernel, which is wrong: it seeds
 * its running max with FLT_MIN (the smallest positive float) instead of -inf, so in a window whose
 * values are all ≤ 0 the max is never found and the gradient is misrouted (to offset 0) or dropped;
 * ties also go to the last max, where the cpu kernel (and TensorFlow) pick the first.
 *
 * Built from wasm ops, one pass per filter tap (p, q) in row-major order: the tap's strided slice of
 * the (-inf padded) input is compared with the pooled output; the first tap that equals it claims the
 * window's dy, which is then spread back to the tap's input positions (upsample by the stride, shift by
 * the tap offset). dx is the sum over taps — overlapping windows add, as in the cpu kernel.
 */
function maxPoolGrad({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.MaxPoolGrad, 'dy', 4);
  const x = requireTensor<tf.Tensor4D>(inputs.input, tf.MaxPoolGrad, 'input', 4);
  const y = requireTensor<tf.Tensor4D>(inputs.output, tf.MaxPoolGrad, 'output', 4);
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
  const { effectiveFilterHeight: filterHeight, effectiveFilterWidth: filterWidth } = info;

  return tf.tidy(() => {
    const rows = (outHeight - 1) * strideHeight + filterHeight;
    const cols = (outWidth - 1) * strideWidth + filterWidth;
    const padded = spatialWindow(x, padInfo.top, padInfo.left, rows, cols, -Infinity);
    let unclaimed: tf.Tensor = tf.onesLike(dy);
    const parts: tf.Tensor4D[] = [];
    for (let p = 0; p < filterHeight; p++) {
      for (let q = 0; q < filterWidth; q++) {
        const tap = tf.stridedSlice(
          padded,
          [0, p, q, 0],
          [batchSize, p + (outHeight - 1) * strideHeight + 1, q + (outWidth - 1) * strideWidth + 1, inChannels],
          [1, strideHeight, strideWidth, 1],
        );
        const wins = tf.mul(tf.cast(tf.equal(tap, y), 'float32'), unclaimed);
        unclaimed = tf.sub(unclaimed, wins);
        const routed = upsample(tf.mul(dy, wins) as tf.Tensor4D, strideHeight, strideWidth);
        parts.push(spatialWindow(routed, p - padInfo.top, q - padInfo.left, inHeight, inWidth));
      }
    }
    return parts.length === 1 ? parts[0]! : tf.addN(parts);
  });
}

export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
