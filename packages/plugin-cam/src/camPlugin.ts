import { TYPES } from '@visor/core';
import type { VisorPlugin } from '@visor/core';
import pkg from '../package.json' with { type: 'json' };
import { cam } from './cam.js';
import { gradCam } from './gradCam.js';
import { gradCamPlusPlus } from './gradCamPlusPlus.js';

/** The plugin: binds `cam`, `grad-cam` and `grad-cam++` to the Explainer token. */
export const camPlugin: VisorPlugin = {
  name: '@visor/plugin-cam',
  version: pkg.version,
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Explainer).toConstantValue(cam);
    bind(TYPES.Explainer).toConstantValue(gradCam);
    bind(TYPES.Explainer).toConstantValue(gradCamPlusPlus);
  },
};
