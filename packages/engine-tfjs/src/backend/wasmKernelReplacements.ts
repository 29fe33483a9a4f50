import type { tf } from '../tf.js';
import { maxPoolGradConfig } from './kernels/MaxPoolGrad.js';

export interface WasmKernelReplacement {
  config: tf.KernelConfig;
  /** Newest @tensorflow/tfjs-backend-wasm known to ship the broken kernel; newer ones keep their own. */
  brokenThrough: string;
  why: string;
}

/**
 * Native wasm kernels that gradients need but that compute a wrong result, with the version range to
 * replace them in. The only exception to "never override a kernel wasm has".
 */
export const wasmKernelReplacements: readonly WasmKernelReplacement[] = [
  {
    config: maxPoolGradConfig,
    brokenThrough: '4.22.0',
    why: 'seeds the window max with FLT_MIN, so windows of values <= 0 send their gradient to the wrong element (or drop it); ties go to the last max',
  },
];
