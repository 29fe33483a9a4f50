import { describe, expect, it } from 'vitest';
import { Container } from 'inversify';
import semver from 'semver';
import { TYPES, VISOR_API_VERSION } from '@visor/core';
import plugin, { occlusionExplainer, occlusionPlugin } from './index.js';

describe('occlusionPlugin', () => {
  it('is the default export, named and versioned, compatible with the core plugin API', () => {
    expect(plugin).toBe(occlusionPlugin);
    expect(plugin).toMatchObject({ name: '@visor/plugin-occlusion', version: '0.1.0', visorApi: '^2' });
    expect(semver.satisfies(VISOR_API_VERSION, plugin.visorApi)).toBe(true);
  });

  it('binds the occlusion explainer to TYPES.Explainer, and nothing happens on import', () => {
    const container = new Container();
    expect(container.isBound(TYPES.Explainer)).toBe(false);
    plugin.register(container.bind.bind(container));
    const all = container.getAll(TYPES.Explainer);
    expect(all).toEqual([occlusionExplainer]);
    expect(occlusionExplainer.id).toBe('occlusion');
  });
});
