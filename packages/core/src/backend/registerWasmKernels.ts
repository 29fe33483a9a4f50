import { tf } from '../tf.js';
import { wasmGradientKernels } from './wasmGradientKernels.js';

/**
 * Registers Visor's gradient kernels for the 'wasm' backend (see `wasmGradientKernels`).
 * Idempotent: a kernel wasm already has — its own, or ours from an earlier call — is left alone,
 * so a future tfjs that ships one natively wins. Only `backendName: 'wasm'` entries are registered;
 * cpu, webgl and tensorflow are never touched. Returns the names registered by this call.
 */
export function registerWasmKernels(): string[] {
  const registered: string[] = [];
  for (const config of wasmGradientKernels) {
    if (config.backendName !== 'wasm') {
      throw new Error(`registerWasmKernels: ${config.kernelName} is for backend '${config.backendName}', expected 'wasm'.`);
    }
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}
