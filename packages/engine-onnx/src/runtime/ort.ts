// The ONNX Runtime binding: `#ort` is this package's import map (package.json `imports`), onnxruntime-web's
// wasm build under the `browser` condition, onnxruntime-node otherwise. Both expose onnxruntime-common's API
// (the types here are onnxruntime-node's). Nothing else in the package imports a runtime.
import * as ort from '#ort';

export { ort };

export type OrtSession = ort.InferenceSession;
export type OrtSessionOptions = ort.InferenceSession.SessionOptions;

/** The runtime in use and its version, for messages: `onnxruntime-node 1.30.0`, `onnxruntime-web 1.30.0`. */
export function runtimeName(): string {
  const v = ort.env.versions as { node?: string; web?: string; common: string };
  return v.web ? `onnxruntime-web ${v.web}` : `onnxruntime-node ${v.node ?? v.common}`;
}

/**
 * Every ONNX Runtime session Visor creates goes through here, so tests can count sessions (a spy
 * on `create`) and session reuse is checkable.
 */
export const sessionFactory = {
  create(bytes: Uint8Array, options: OrtSessionOptions): Promise<OrtSession> {
    return ort.InferenceSession.create(bytes, options);
  },
};
