import type { tf } from '../tf.js';
import { conv2DBackpropInputConfig } from './kernels/Conv2DBackpropInput.js';
import { maxPoolGradConfig } from './kernels/MaxPoolGrad.js';

export interface WasmKernelReplacement {
  config: tf.KernelConfig;
  /** Newest @tensorflow/tfjs-backend-wasm whose own kernel Visor replaces; newer ones keep theirs. */
  replaceThrough: string;
  why: string;
}

/**
 * Native wasm kernels that gradients need but that compute a wrong result or are far slower than an
 * equivalent built from wasm's fast ops, with the version range to replace them in. The only
 * exception to "never override a kernel wasm has"; each is tested against the cpu kernel.
 */
export const wasmKernelReplacements: readonly WasmKernelReplacement[] = [
  {
    config: maxPoolGradConfig,
    replaceThrough: '4.22.0',
    why: 'seeds the window max with FLT_MIN, so windows of values <= 0 send their gradient to the wrong element (or drop it); ties go to the last max',
  },
  {
    config: conv2DBackpropInputConfig,
    replaceThrough: '4.22.0',
    why: 'runs the transposed convolution as a direct loop; one XNNPACK conv of the spread output gradient with the flipped filter is 5–20× faster on ResNet layers (docs/backends.md)',
  },
];
