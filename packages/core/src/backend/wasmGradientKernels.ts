import type { tf } from '../tf.js';
import { conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter.js';

/**
 * The kernels tfjs-backend-wasm 4.22 lacks that gradients through CNNs need, in registration order.
 * An explicit list, like tfjs's own `register_all_kernels.ts`.
 */
export const wasmGradientKernels: readonly tf.KernelConfig[] = [conv2DBackpropFilterConfig];
