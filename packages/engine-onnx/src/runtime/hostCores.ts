/**
 * The machine's logical cores, ONNX Runtime's default thread count: `os.availableParallelism()` under Node
 * (through `process.getBuiltinModule`, so no `node:` import reaches a browser bundle), else
 * `navigator.hardwareConcurrency` (a page or a worker), else 1.
 */
export function hostCores(): number {
  const os = globalThis.process?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (os) return os.availableParallelism();
  return globalThis.navigator?.hardwareConcurrency || 1;
}
