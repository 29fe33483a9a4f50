import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';

/**
 * Conv2DBackpropFilter for wasm, as one wasm conv2d:
 *   dW = conv2d(xᵀ, dyᵀ, stride 1, dilation = forward stride, 'valid'), then transposed back,
 * where xᵀ is the padded input with batch and channel swapped ([inC, H, W, batch]) and dyᵀ is the
 * output gradient used as the filter ([outH, outW, batch, outC]). Summing over the batch becomes the
 * conv's channel contraction; the padded input is cut to exactly (outH-1)·stride + filterH rows, so
 * the conv's output is exactly the kernel size. (The forward conv's dilation is always 1 here:
 * tfjs's conv gradients refuse dilated convs.)
 */
function conv2DBackpropFilter({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requireTensor<tf.Tensor4D>(inputs.x, tf.Conv2DBackpropFilter, 'x', 4);
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.Conv2DBackpropFilter, 'dy', 4);
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, format);
  const { strideHeight, strideWidth, filterHeight, filterWidth, outHeight, outWidth, padInfo } = info;

  return tf.tidy(() => {
    const nhwcX = format === 'channelsFirst' ? tf.transpose(x, [0, 2, 3, 1]) : x;
    const nhwcDy = format === 'channelsFirst' ? tf.transpose(dy, [0, 2, 3, 1]) : dy;
    const rows = (outHeight - 1) * strideHeight + filterHeight;
    const cols = (outWidth - 1) * strideWidth + filterWidth;
    const padded = spatialWindow(nhwcX, padInfo.top, padInfo.left, rows, cols);
    const xT = tf.transpose(padded, [3, 1, 2, 0]); // [inC, rows, cols, batch]
    const dyT = tf.transpose(nhwcDy, [1, 2, 0, 3]); // [outH, outW, batch, outC]
    const dW = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [strideHeight, strideWidth]); // [inC, fH, fW, outC]
    return tf.transpose(dW, [1, 2, 0, 3]);
  });
}

export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
