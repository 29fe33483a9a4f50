import { tf } from '../../tf.js';
import { filterGradByTaps } from './helpers/filterGradByTaps.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';

/**
 * Conv2DBackpropFilter for wasm, from wasm convolutions. The filter gradient is itself a convolution:
 *   dW = conv2d(xᵀ, dyᵀ, stride 1, dilation = forward stride, 'valid'), transposed back to [fH, fW, inC, outC],
 * where xᵀ is the padded input with batch and channel swapped ([inC, rows, cols, batch]) and dyᵀ is the
 * output gradient used as the filter ([outH, outW, batch, outC]): the sum over the batch becomes the
 * conv's channel contraction. The padded input is cut to exactly (outH-1)·stride + fH rows, so the
 * conv's output is exactly the kernel size. For 1×1 kernels and small outputs the same identity runs
 * one tap at a time with (batch, outH, outW) all folded into the contracted axis: per tap (p, q),
 * dW[p, q] = conv2d(strided tap of xᵀ as [inC, 1, 1, N], dy as [1, 1, N, outC]) — a plain GEMM.
 * (The forward conv's dilation is always 1 here: tfjs's conv gradients refuse dilated convs.)
 */
function conv2DBackpropFilter({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requireTensor<tf.Tensor4D>(inputs.x, tf.Conv2DBackpropFilter, 'x', 4);
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.Conv2DBackpropFilter, 'dy', 4);
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, format);
  const { batchSize, inChannels, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { outHeight, outWidth, padInfo } = info;

  return tf.tidy(() => {
    const nhwcX = format === 'channelsFirst' ? tf.transpose(x, [0, 2, 3, 1]) : x;
    const nhwcDy = format === 'channelsFirst' ? tf.transpose(dy, [0, 2, 3, 1]) : dy;
    const rows = (outHeight - 1) * strideHeight + filterHeight;
    const cols = (outWidth - 1) * strideWidth + filterWidth;
    const xT = tf.transpose(spatialWindow(nhwcX, padInfo.top, padInfo.left, rows, cols), [3, 1, 2, 0]); // [inC, rows, cols, B]

    if (!filterGradByTaps(info)) {
      const dyT = tf.transpose(nhwcDy, [1, 2, 0, 3]); // [outH, outW, B, outC]
      const dW = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [strideHeight, strideWidth]); // [inC, fH, fW, outC]
      return tf.transpose(dW, [1, 2, 0, 3]);
    }

    const n = batchSize * outHeight * outWidth;
    const dyAsFilter = tf.reshape(tf.transpose(nhwcDy, [1, 2, 0, 3]), [1, 1, n, outChannels]); // (outH, outW, B) order, as xT
    const taps: tf.Tensor[] = [];
    for (let p = 0; p < filterHeight; p++) {
      for (let q = 0; q < filterWidth; q++) {
        const tap =
          strideHeight === 1 && strideWidth === 1
            ? tf.slice(xT, [0, p, q, 0], [inChannels, outHeight, outWidth, batchSize])
            : tf.stridedSlice(
                xT,
                [0, p, q, 0],
                [inChannels, p + (outHeight - 1) * strideHeight + 1, q + (outWidth - 1) * strideWidth + 1, batchSize],
                [1, strideHeight, strideWidth, 1],
              );
        taps.push(tf.conv2d(tf.reshape<tf.Rank.R4>(tap, [inChannels, 1, 1, n]), dyAsFilter as tf.Tensor4D, 1, 'valid'));
      }
    }
    const stacked = taps.length === 1 ? taps[0]! : tf.stack(taps); // [fH·fW, inC, 1, 1, outC]
    return tf.reshape(stacked, filterShape);
  });
}

export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
