import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import semver from 'semver';
import { tf } from '../tf.js';
import { wasmGradientKernels } from './wasmGradientKernels.js';
import { wasmKernelReplacements } from './wasmKernelReplacements.js';

/**
 * Registers Visor's gradient kernels for the 'wasm' backend.
 *  - `wasmGradientKernels` (kernels wasm lacks): registered unless wasm already has one — its own or
 *    ours from an earlier call — so a future tfjs that ships one natively wins.
 *  - `wasmKernelReplacements` (native kernels known to be wrong or slow): replaced only while the
 *    installed tfjs-backend-wasm is within the range they were measured on.
 * Only `backendName: 'wasm'` entries are touched; cpu, webgl and tensorflow never are. Idempotent.
 * Returns the names registered (or replaced) by this call.
 */
export function registerWasmKernels(): string[] {
  const registered: string[] = [];
  for (const config of wasmGradientKernels) {
    assertWasm(config);
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  for (const { config, replaceThrough } of wasmKernelReplacements) {
    assertWasm(config);
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current === config) continue;
    if (current !== undefined) {
      if (!semver.lte(version_wasm, replaceThrough)) continue;
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}

function assertWasm(config: tf.KernelConfig): void {
  if (config.backendName !== 'wasm') {
    throw new Error(`registerWasmKernels: ${config.kernelName} is for backend '${config.backendName}', expected 'wasm'.`);
  }
}
