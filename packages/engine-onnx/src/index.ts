// Public API of @visor/engine-onnx: the part that also runs in a browser (browser.ts), and the plugin and the
// `onnx` format, which read files. Only re-exports.
export * from './browser.js';
export { default } from './plugin.js';
export { onnxFormat, looksLikeOnnx } from './onnxFormat.js';
