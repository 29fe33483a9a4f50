import { TYPES, type VisorPlugin } from '@visor/core';
import { onnxEngine } from './onnxEngine.js';
import { onnxFormat } from './onnxFormat.js';

/** The engine-onnx plugin: binds the ONNX Runtime engine and the ONNX file format. Importing it registers nothing. */
const plugin: VisorPlugin = {
  name: '@visor/engine-onnx',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Engine).toConstantValue(onnxEngine);
    bind(TYPES.ModelFormat).toConstantValue(onnxFormat);
  },
};

export default plugin;
