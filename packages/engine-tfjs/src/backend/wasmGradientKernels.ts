import type { tf } from '../tf.js';
import { conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter.js';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/DepthwiseConv2dNativeBackpropFilter.js';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/DepthwiseConv2dNativeBackpropInput.js';
import { unsortedSegmentSumConfig } from './kernels/UnsortedSegmentSum.js';

/**
 * The kernels tfjs-backend-wasm 4.22 lacks that gradients through CNNs need, in registration order.
 * An explicit list, like tfjs's own `register_all_kernels.ts`. Found by running tf.grad through
 * ResNet-, MobileNetV2- and VGG-style models on wasm; everything else those gradients use
 * (Conv2DBackpropInput, AvgPoolGrad, FusedBatchNorm's ops, Step, Select, ...) wasm has — except that
 * its MaxPoolGrad is wrong, see `wasmKernelReplacements`.
 */
export const wasmGradientKernels: readonly tf.KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  unsortedSegmentSumConfig,
];
