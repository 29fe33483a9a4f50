import { TYPES, type VisorPlugin } from '@visor/core';
import { tfjsEngine } from './tfjsEngine.js';
import { tfjsFormat } from './tfjsFormat.js';

/** `@visor/engine-tfjs`: the TensorFlow.js engine and the TF.js model format. */
export const engineTfjsPlugin: VisorPlugin = {
  name: '@visor/engine-tfjs',
  version: '0.1.0',
  visorApi: '^1',
  register(bind) {
    bind(TYPES.Engine).toConstantValue(tfjsEngine);
    bind(TYPES.ModelFormat).toConstantValue(tfjsFormat);
  },
};
