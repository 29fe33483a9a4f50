import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { TYPES, VISOR_API_VERSION, validateOptions, type Metric } from '@visor/core';
import plugin, { metrics } from './index.js';

describe('the plugin', () => {
  it('binds every metric to the Metric token, with unique ids and schemas that close their options', () => {
    const container = new Container();
    plugin.register(container.bind.bind(container));
    const bound = container.getAll<Metric>(TYPES.Metric);
    expect(bound.map((m) => m.id)).toEqual(['deletion', 'insertion', 'road', 'pointing-game', 'energy-pointing-game', 'sanity-model', 'sanity-logit']);
    expect(plugin).toMatchObject({ name: '@visor/plugin-metrics', visorApi: '^2' });
    expect(semver.satisfies(VISOR_API_VERSION, plugin.visorApi)).toBe(true);
    for (const m of metrics as unknown as Metric[]) {
      expect(m.optionsSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(validateOptions(m, {})).toEqual(m.defaults);
      expect(() => validateOptions(m, { notAnOption: 1 })).toThrow(/notAnOption/);
      expect(m.description.length).toBeGreaterThan(10);
    }
  });
});
