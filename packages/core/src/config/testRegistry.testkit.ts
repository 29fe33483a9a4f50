/* eslint-disable @typescript-eslint/no-explicit-any -- Explainer<any>, Renderer<any>, Metric<any>: contributions of any options type (each validated by its own schema); variance over that type is the point */
import type { Engine, Explainer, Renderer, VisorPlugin } from '../index.js';
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
  return {
    id,
    description: `fake ${id}`,
    optionsSchema: { type: 'object', additionalProperties: false, properties: { alpha: { type: 'number', minimum: 0, maximum: 1 } } },
    defaults: {},
    render: async () => {},
  };
}

export function fakePlugin(name: string, explainers: Explainer<any>[], renderers: Renderer<any>[] = [], visorApi = '^2'): VisorPlugin {
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

/** An engine that serves backend names and loads nothing (config tests check the names only). */
export function fakeEngine(id: string, backends: string[], priority = 0): Engine {
  return {
    id,
    description: `fake ${id}`,
    backends,
    priority,
    accepts: () => false,
    load: async () => {
      throw new Error(`fake engine ${id} loads nothing`);
    },
  };
}

export function testRegistry(): Registry {
  return new Registry([
    {
      name: 'fake-engines',
      version: '1.0.0',
      visorApi: '^2',
      register(bind) {
        bind(TYPES.Engine).toConstantValue(fakeEngine('onnx', ['onnx'], 0));
        bind(TYPES.Engine).toConstantValue(fakeEngine('tfjs', ['tensorflow', 'wasm', 'cpu'], 10));
      },
    },
    fakePlugin(
      'fake-methods',
      [
        fakeExplainer('cam'),
        fakeExplainer('grad-cam', { layer: { type: 'string' } }),
        fakeExplainer(
          'occlusion',
          { patch: { type: 'integer', minimum: 1 }, stride: { type: 'integer', minimum: 1 }, fill: { type: 'number' } },
          { patch: 16 },
        ),
      ],
      [fakeRenderer('png'), fakeRenderer('json'), fakeRenderer('html')],
    ),
  ]);
}
