import { describe, expect, it } from 'vitest';
import { Registry, checkPlugin, validateOptions } from '@visor/core';
import pkg from '../package.json' with { type: 'json' };
import plugin, { cam, camPlugin, gradCam, gradCamPlusPlus } from './index.js';

describe('camPlugin', () => {
  it('is the default export, named after the package, with its version and API range', () => {
    expect(plugin).toBe(camPlugin);
    expect(camPlugin.name).toBe('@visor/plugin-cam');
    expect(camPlugin.version).toBe(pkg.version);
    expect(camPlugin.visorApi).toBe('^2');
    expect(checkPlugin(plugin, '@visor/plugin-cam')).toBe(plugin);
  });

  it('registers cam, grad-cam and grad-cam++', () => {
    const registry = new Registry([camPlugin]);
    expect([...registry.explainers().keys()].sort()).toEqual(['cam', 'grad-cam', 'grad-cam++']);
    expect(registry.explainer('grad-cam++')).toBe(gradCamPlusPlus);
  });

  it('options: defaults pass the schema; unknown keys and bad values are refused', () => {
    for (const e of [cam, gradCam, gradCamPlusPlus]) {
      expect(e.optionsSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(validateOptions(e, {})).toEqual(e.defaults);
      expect(() => validateOptions(e, { upsample: 'bicubic' })).toThrow(/bicubic/);
      expect(() => validateOptions(e, { score: 'softmax' })).toThrow(/softmax/);
      expect(() => validateOptions(e, { relu: 'yes' })).toThrow(e.id);
      expect(() => validateOptions(e, { normalise: 'minmax' })).toThrow(/normalise/);
    }
    expect(gradCam.defaults).toEqual({ score: 'logit', relu: true, upsample: 'bilinear', normalize: 'minmax' });
    expect(cam.defaults.relu).toBe(false);
  });
});
