import { VisorError } from '@visor/core';
import { runtimeName } from './runtime/ort.js';

/** A VisorError (code `model`) about a model file: the message starts with the file, the hint says how to fix it. */
export function modelError(file: string, message: string, hint?: string, cause?: unknown): VisorError {
  return new VisorError(`${file}: ${message}`, { code: 'model', file, hint, cause });
}

/** Why ONNX Runtime refused a graph, as a VisorError naming the file and the way out. */
export function sessionError(file: string, what: string, cause: unknown): VisorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return modelError(
    file,
    `ONNX Runtime (${runtimeName()}, CPU) cannot load ${what}: ${reason}`,
    'Re-export the model with a standard ONNX opset (13 to 21) using only operators the ONNX Runtime CPU provider implements, or run it on the tfjs engine (backend: tensorflow | wasm | cpu).',
    cause,
  );
}
