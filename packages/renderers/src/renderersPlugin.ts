import { TYPES, type VisorPlugin } from '@visor/core';
import { htmlRenderer } from './html/htmlRenderer.js';
import { jsonRenderer } from './json/jsonRenderer.js';
import { pngRenderer } from './png/pngRenderer.js';

/** The first-party renderers `png`, `json` and `html`, bound to `TYPES.Renderer`. Importing it registers nothing. */
export const renderersPlugin: VisorPlugin = {
  name: '@visor/renderers',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    bind(TYPES.Renderer).toConstantValue(pngRenderer);
    bind(TYPES.Renderer).toConstantValue(jsonRenderer);
    bind(TYPES.Renderer).toConstantValue(htmlRenderer);
  },
};
