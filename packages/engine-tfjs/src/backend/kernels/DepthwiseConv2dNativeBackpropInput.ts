import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';
import { upsample } from './helpers/upsample.js';

/**
 * DepthwiseConv2dNativeBackpropInput for wasm, as one wasm depthwise conv (a transposed depthwise conv):
 *   dx = depthwiseConv2d(window(upsample(dy, stride)), reverse(filter), stride 1, dilation, 'valid'),
 * where upsample puts stride-1 zeros between dy's pixels, window pads it by (filterSize-1)·dilation
 * minus the forward padding, and the flipped filter is reshaped to [fH, fW, C·M, 1] so each of dy's C·M
 * channels meets its own tap; with channel multiplier M > 1 the M partial results per input channel
 * are then summed.
 */
function depthwiseConv2dNativeBackpropInput({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.DepthwiseConv2dNativeBackpropInput, 'dy', 4);
  const filter = requireTensor<tf.Tensor4D>(inputs.filter, tf.DepthwiseConv2dNativeBackpropInput, 'filter', 4);
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, strides, dilations ?? 1, pad, dimRoundingMode, true);
  const { batchSize, inHeight, inWidth, inChannels, padInfo } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const multiplier = filter.shape[3];
  const channels = inChannels * multiplier;

  return tf.tidy(() => {
    const upsampled = upsample(dy, strideHeight, strideWidth);
    const reachH = (filterHeight - 1) * dilationHeight;
    const reachW = (filterWidth - 1) * dilationWidth;
    const framed = spatialWindow(upsampled, reachH - padInfo.top, reachW - padInfo.left, inHeight + reachH, inWidth + reachW);
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [filterHeight, filterWidth, channels, 1]);
    const dx = tf.depthwiseConv2d(framed, flipped as tf.Tensor4D, 1, 'valid', 'NHWC', [dilationHeight, dilationWidth]);
    if (multiplier === 1) return dx;
    return tf.sum(tf.reshape(dx, [batchSize, inHeight, inWidth, inChannels, multiplier]), 4);
  });
}

export const depthwiseConv2dNativeBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};
