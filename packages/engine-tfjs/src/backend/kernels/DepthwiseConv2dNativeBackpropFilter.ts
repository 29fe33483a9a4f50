import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';

/**
 * DepthwiseConv2dNativeBackpropFilter for wasm, as one wasm depthwise conv:
 *   dW = depthwiseConv2d(xᵀ, dyᵀ, stride 1, dilation = forward stride, 'valid'), sampled every
 * forward-dilation taps, where xᵀ is the padded input with the batch folded into the channels
 * ([1, rows, cols, B·C]) and dyᵀ is the output gradient as a per-channel filter ([outH, outW, B·C, M]).
 * Each channel only ever meets its own gradient, which is what a depthwise conv does; the batch is then
 * summed out. (Like Conv2DBackpropFilter's conv2d(xᵀ, dyᵀ), with channels kept apart.)
 */
function depthwiseConv2dNativeBackpropFilter({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requireTensor<tf.Tensor4D>(inputs.x, tf.DepthwiseConv2dNativeBackpropFilter, 'x', 4);
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.DepthwiseConv2dNativeBackpropFilter, 'dy', 4);
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { batchSize, inChannels, outHeight, outWidth, padInfo } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const multiplier = filterShape[3];

  return tf.tidy(() => {
    const reachH = (filterHeight - 1) * dilationHeight + 1;
    const reachW = (filterWidth - 1) * dilationWidth + 1;
    const rows = (outHeight - 1) * strideHeight + reachH;
    const cols = (outWidth - 1) * strideWidth + reachW;
    const padded = spatialWindow(x, padInfo.top, padInfo.left, rows, cols);
    const folded = batchSize === 1 ? padded : tf.reshape(tf.transpose(padded, [1, 2, 0, 3]), [1, rows, cols, batchSize * inChannels]);
    const dyFilter =
      batchSize === 1
        ? tf.reshape(dy, [outHeight, outWidth, inChannels, multiplier])
        : tf.reshape(tf.transpose(dy, [1, 2, 0, 3]), [outHeight, outWidth, batchSize * inChannels, multiplier]);
    // [1, reachH, reachW, B·C·M]: every tap offset; the filter's taps are every dilation-th one.
    let taps = tf.depthwiseConv2d(folded as tf.Tensor4D, dyFilter as tf.Tensor4D, 1, 'valid', 'NHWC', [strideHeight, strideWidth]);
    if (dilationHeight > 1 || dilationWidth > 1) {
      taps = tf.stridedSlice(taps, [0, 0, 0, 0], taps.shape, [1, dilationHeight, dilationWidth, 1]) as tf.Tensor4D;
    }
    const perBatch = tf.reshape(taps, [filterHeight, filterWidth, batchSize, inChannels, multiplier]);
    return batchSize === 1 ? tf.reshape(perBatch, filterShape) : tf.sum(perBatch, 2);
  });
}

export const depthwiseConv2dNativeBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};
