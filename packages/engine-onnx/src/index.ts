// Public API of @visor/engine-onnx. Only re-exports.
export {};
