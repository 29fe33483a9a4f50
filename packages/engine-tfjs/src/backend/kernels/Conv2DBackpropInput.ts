import { tf } from '../../tf.js';
import { requireTensor } from './helpers/requireTensor.js';
import { spatialWindow } from './helpers/spatialWindow.js';
import { upsample } from './helpers/upsample.js';

/**
 * Conv2DBackpropInput for wasm as ONE forward convolution (XNNPACK's fast path), replacing wasm's own
 * kernel, which runs the transposed convolution as a direct loop. The input gradient of a conv is the
 * "full" correlation of the output gradient with the flipped filter:
 *   dx[b, i, j, c] = Σ_{p,q,k} dy[b, (i + padTop − p)/sH, (j + padLeft − q)/sW, k] · W[p, q, c, k]
 * (terms with a non-integer or out-of-range index are 0), i.e.
 *   dx = conv2d(window(spread(dy)), W flipped in both spatial axes and transposed to [fH, fW, outC, inC])
 * where spread puts dy's pixels stride apart with zeros between (`upsample`) and window shifts it by
 * fH − 1 − padTop rows / fW − 1 − padLeft columns and pads or crops it to inH + fH − 1 by inW + fW − 1.
 * (The forward conv's dilation is always 1 here: tfjs's conv gradients refuse dilated convs.)
 */
function conv2DBackpropInput({ inputs, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const dy = requireTensor<tf.Tensor4D>(inputs.dy, tf.Conv2DBackpropInput, 'dy', 4);
  const filter = requireTensor<tf.Tensor4D>(inputs.filter, tf.Conv2DBackpropInput, 'filter', 4);
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const format = tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, strides, 1, pad, dimRoundingMode, false, format);
  const { inHeight, inWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;

  return tf.tidy(() => {
    const nhwcDy = format === 'channelsFirst' ? tf.transpose(dy, [0, 2, 3, 1]) : dy;
    const spread = upsample(nhwcDy, strideHeight, strideWidth);
    const window = spatialWindow(
      spread,
      filterHeight - 1 - padInfo.top,
      filterWidth - 1 - padInfo.left,
      inHeight + filterHeight - 1,
      inWidth + filterWidth - 1,
    );
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [fH, fW, outC, inC]
    const dx = tf.conv2d(window, flipped, 1, 'valid');
    return format === 'channelsFirst' ? tf.transpose(dx, [0, 3, 1, 2]) : dx;
  });
}

export const conv2DBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
