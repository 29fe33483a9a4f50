// An example third-party Visor plugin: written only against @visor/core's public API.
import { TYPES, type VisorPlugin } from '@visor/core';
import { smoothGrad } from './smoothGrad.js';

export { smoothGrad } from './smoothGrad.js';
export { smoothGradDefaults, smoothGradSchema } from './smoothGradOptions.js';
export type { SmoothGradOptions } from './smoothGradOptions.js';

const plugin: VisorPlugin = {
  name: 'visor-plugin-smoothgrad',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Explainer).toConstantValue(smoothGrad);
  },
};

export default plugin;
