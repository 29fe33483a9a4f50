import { TYPES, type VisorPlugin } from '@visor/core';
import { kerasFormat, kerasH5Format } from './keras/kerasFormats.js';
import { tfjsEngine } from './tfjsEngine.js';
import { tfjsFormat } from './tfjsFormat.js';

/** `@visor/engine-tfjs`: the TensorFlow.js engine, and the TF.js and Keras (.h5, .keras) model formats. */
export const engineTfjsPlugin: VisorPlugin = {
  name: '@visor/engine-tfjs',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Engine).toConstantValue(tfjsEngine);
    bind(TYPES.ModelFormat).toConstantValue(tfjsFormat);
    bind(TYPES.ModelFormat).toConstantValue(kerasH5Format);
    bind(TYPES.ModelFormat).toConstantValue(kerasFormat);
  },
};
