import { TYPES, type VisorPlugin } from '@visor/core';
import { occlusionExplainer } from './occlusionExplainer.js';

/** The occlusion plugin: binds the `occlusion` explainer. */
export const occlusionPlugin: VisorPlugin = {
  name: '@visor/plugin-occlusion',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Explainer).toConstantValue(occlusionExplainer);
  },
};
