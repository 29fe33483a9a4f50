import { ort, runtimeName } from '@visor/engine-onnx';
import ortGlue from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

declare const self: { crossOriginIsolated?: boolean };

let started: { threads: number; reason: string } | null = null;

/**
 * Prepares onnxruntime-web in this worker and says how it runs (the run report's `backendReason`): its wasm build
 * (SIMD, required by ORT 1.30) from the files bundled with the app, with `navigator.hardwareConcurrency` threads when
 * the page is cross-origin isolated (as `visor serve` makes it), else one. ORT reads `env.wasm` once, when its
 * first session starts, so the first call decides for the worker's lifetime; later calls return the same.
 * The thread count is also what the model is loaded with (`EngineLoadOptions.threads`).
 */
export function selectOnnxRuntime(): { threads: number; reason: string } {
  if (started) return started;
  const isolated = self.crossOriginIsolated === true;
  const threads = isolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1;
  ort.env.wasm.wasmPaths = { mjs: new URL(ortGlue, location.href), wasm: new URL(ortWasm, location.href) };
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false; // this is already a worker
  ort.env.logLevel = 'error';
  const how = isolated
    ? `wasm, SIMD, ${threads} thread(s) = navigator.hardwareConcurrency`
    : 'wasm, SIMD, 1 thread: the page is not cross-origin isolated (serve it with `visor serve` for threads)';
  started = { threads, reason: `${runtimeName()} (${how})` };
  return started;
}
