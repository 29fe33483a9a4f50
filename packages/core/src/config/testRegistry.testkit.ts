import type { Explainer, Renderer, VisorPlugin } from '../index.js';
import { TYPES } from '../tokens.js';
import { Registry } from '../plugins/Registry.js';

/** Stand-ins with real option schemas, for config tests that need no model. */
export function fakeExplainer(id: string, properties: Record<string, unknown> = {}, defaults: Record<string, unknown> = {}): Explainer<any> {
  return {
    id,
    description: `fake ${id}`,
    optionsSchema: { type: 'object', additionalProperties: false, properties },
    defaults,
    explain: async () => [],
  };
}

export function fakeRenderer(id: string): Renderer<any> {
  return { id, description: `fake ${id}`, optionsSchema: { type: 'object', additionalProperties: false, properties: { alpha: { type: 'number', minimum: 0, maximum: 1 } } }, defaults: {}, render: async () => {} };
}

export function fakePlugin(name: string, explainers: Explainer<any>[], renderers: Renderer<any>[] = [], visorApi = '^1'): VisorPlugin {
  return {
    name,
    version: '1.2.3',
    visorApi,
    register(bind) {
      for (const e of explainers) bind(TYPES.Explainer).toConstantValue(e);
      for (const r of renderers) bind(TYPES.Renderer).toConstantValue(r);
    },
  };
}

export function testRegistry(): Registry {
  return new Registry([
    fakePlugin(
      'fake-methods',
      [
        fakeExplainer('cam'),
        fakeExplainer('grad-cam', { layer: { type: 'string' } }),
        fakeExplainer('occlusion', { patch: { type: 'integer', minimum: 1 }, stride: { type: 'integer', minimum: 1 }, fill: { type: 'number' } }, { patch: 16 }),
      ],
      [fakeRenderer('png'), fakeRenderer('json'), fakeRenderer('html')],
    ),
  ]);
}
