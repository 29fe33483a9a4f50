import * as ort from 'onnxruntime-node';

export { ort };

export type OrtSession = ort.InferenceSession;
export type OrtSessionOptions = ort.InferenceSession.SessionOptions;

/**
 * Every ONNX Runtime session Visor creates goes through here, so tests can count sessions (a spy
 * on `create`) and session reuse is checkable.
 */
export const sessionFactory = {
  create(bytes: Uint8Array, options: OrtSessionOptions): Promise<OrtSession> {
    return ort.InferenceSession.create(bytes, options);
  },
};
