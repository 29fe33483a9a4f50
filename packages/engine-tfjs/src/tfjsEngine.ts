import type { Engine } from '@visor/core';
import { loadTfjsModel } from './model/loadTfjsModel.js';

/**
 * TensorFlow.js as a Visor engine: `tensorflow` (tfjs-node, optional), `wasm` (with Visor's gradient
 * kernels) or `cpu`. Runs TF.js and Keras models (`tfjs-artifacts` sources); also the engine in browsers.
 */
export const tfjsEngine: Engine = {
  id: 'tfjs',
  description: 'TensorFlow.js: backends tensorflow (tfjs-node, optional), wasm (with Visor’s gradient kernels), cpu',
  backends: ['tensorflow', 'wasm', 'cpu'],
  priority: 10,
  accepts: (source) => source.kind === 'tfjs-artifacts',
  load: (source, options) => loadTfjsModel(source, options),
};
