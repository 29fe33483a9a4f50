import { TYPES, VISOR_API_VERSION } from '@visor/core';
import { describe, expect, it } from 'vitest';
import plugin, { guidedBackprop, guidedGradCam } from './index.js';

describe('the plugin value', () => {
  it('is the default export, names itself, and binds both explainers to the Explainer token', () => {
    expect(plugin.name).toBe('@visor/plugin-guided-bp');
    expect(plugin.visorApi).toBe('^2');
    expect(VISOR_API_VERSION.startsWith('2.')).toBe(true);
    const bound: unknown[] = [];
    const bind = ((token: symbol) => {
      expect(token).toBe(TYPES.Explainer);
      return { toConstantValue: (v: unknown) => bound.push(v) };
    }) as never;
    plugin.register(bind);
    expect(bound).toEqual([guidedBackprop, guidedGradCam]);
    expect(bound.map((e) => (e as { id: string }).id)).toEqual(['guided-backprop', 'guided-grad-cam']);
  });
});
