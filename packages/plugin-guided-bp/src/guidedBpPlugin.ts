import { TYPES } from '@visor/core';
import type { VisorPlugin } from '@visor/core';
import pkg from '../package.json' with { type: 'json' };
import { guidedBackprop } from './guidedBackprop.js';
import { guidedGradCam } from './guidedGradCam.js';

/** The plugin: binds `guided-backprop` and `guided-grad-cam` to the Explainer token. */
export const guidedBpPlugin: VisorPlugin = {
  name: '@visor/plugin-guided-bp',
  version: pkg.version,
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Explainer).toConstantValue(guidedBackprop);
    bind(TYPES.Explainer).toConstantValue(guidedGradCam);
  },
};
