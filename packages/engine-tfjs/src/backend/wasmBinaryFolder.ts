import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The folder holding `tfjs-backend-wasm*.wasm`: the installed package's own `dist/`, so the binaries
 * are read from disk (no network, no bundler copy step). Ends with a path separator, as
 * `setWasmPaths` expects a prefix.
 */
export function wasmBinaryFolder(): string {
  const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}
