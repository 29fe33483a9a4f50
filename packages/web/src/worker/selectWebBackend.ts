import { VisorError } from '@visor/core';
import { registerWasmKernels, tf } from '@visor/engine-tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WebBackend } from '../protocol.js';

let wasmPathsSet = false;

/**
 * Makes a tfjs backend active in this worker and says which and why (the run report's `backendReason`).
 * - `wasm`: the binaries bundled with the app (SIMD; with threads when the page is cross-origin isolated,
 *   as `visor serve` makes it), with Visor's gradient kernels;
 * - `webgl`: the GPU through an OffscreenCanvas;
 * - `cpu`: plain JavaScript (slow, always there).
 * A backend that cannot start is a VisorError naming it and what to choose instead.
 */
export async function selectWebBackend(choice: WebBackend): Promise<{ name: WebBackend; reason: string }> {
  if (choice === 'wasm') {
    if (!wasmPathsSet) {
      setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
      wasmPathsSet = true;
    }
    const added = registerWasmKernels();
    if (!(await safeSetBackend('wasm'))) {
      throw new VisorError('backend wasm could not start in this browser.', { code: 'run', hint: 'Choose webgl or cpu.' });
    }
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    const threads = getThreadsCount();
    // With threads, tfjs's XNNPACK pool takes half the logical cores, 1 to 4 (tfjs 4.22 ignores setThreadsCount).
    const how = threaded
      ? `threaded SIMD build, ${threads} XNNPACK thread(s) of ${navigator.hardwareConcurrency} cores`
      : `${simd ? 'SIMD' : 'no SIMD'}, 1 thread: the page is not cross-origin isolated (serve it with \`visor serve\` for threads)`;
    return { name: 'wasm', reason: `wasm (${how})${added.length ? `; registered ${added.join(', ')}` : ''}` };
  }
  if (choice === 'webgl') {
    if (!(await safeSetBackend('webgl'))) {
      throw new VisorError('backend webgl could not start: this browser gives workers no WebGL (OffscreenCanvas).', { code: 'run', hint: 'Choose wasm.' });
    }
    return { name: 'webgl', reason: 'webgl requested' };
  }
  if (!(await safeSetBackend('cpu'))) throw new VisorError('backend cpu could not start.', { code: 'run' });
  const backend = tf.backend() as { firstUse?: boolean };
  if (backend.firstUse === true) backend.firstUse = false;
  return { name: 'cpu', reason: 'cpu requested (plain JavaScript, about 40× slower than wasm)' };
}

async function safeSetBackend(name: string): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}
