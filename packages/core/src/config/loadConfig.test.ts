import { describe, expect, it } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';
import { parseConfig } from './loadConfig.js';
import { resolveConfig } from './resolveConfig.js';
import { testRegistry } from './testRegistry.testkit.js';

function configErrorOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    expect(isVisorError(e)).toBe(true);
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
}

const good = `model: ./m/model.json
inputs: [./images]
explainers:
  - cam
  - [occlusion, { patch: 8 }]
  - grad-cam: { layer: conv5 }
renderers: [png, json]
out: ./out
`;

describe('parseConfig + resolveConfig', () => {
  it('accepts the three entry forms and applies defaults, resolving paths against the config folder', () => {
    const { config, source } = parseConfig(good, '/proj/visor.yaml');
    const r = resolveConfig(config, testRegistry(), '/proj/visor.yaml', source);
    expect(r.explainers).toEqual([
      { id: 'cam', options: {} },
      { id: 'occlusion', options: { patch: 8 } },
      { id: 'grad-cam', options: { layer: 'conv5' } },
    ]);
    expect(r.renderers.map((x) => x.id)).toEqual(['png', 'json']);
    expect(r.model).toBe('/proj/m/model.json');
    expect(r.models).toEqual([{ name: null, path: '/proj/m/model.json' }]);
    expect(r.out).toBe('/proj/out');
    expect(r.backend).toBe('auto');
    expect(r.targets).toEqual({ top: 1 });
    expect(r.batchSize).toBe(8);
  });

  it('accepts several models by name', () => {
    const text = 'model:\n  clean: ./a/model.json\n  clever-hans: /abs/model.json\ninputs: [x.png]\nexplainers: [cam]\n';
    const { config, source } = parseConfig(text, '/proj/v.yaml');
    expect(resolveConfig(config, testRegistry(), '/proj/v.yaml', source).models).toEqual([
      { name: 'clean', path: '/proj/a/model.json' },
      { name: 'clever-hans', path: '/abs/model.json' },
    ]);
    expect(() => parseConfig(text.replace('clean:', '../up:'), 'v.yaml')).toThrow(/v\.yaml:1:1 +model: .* is not accepted/);
  });

  it('names the line of a misspelled top-level key and suggests the right one', () => {
    const text = 'model: m.json\ninputs: [a.png]\nexplainer:\n  - cam\n';
    const e = configErrorOf(() => parseConfig(text, 'visor.yaml'));
    expect(e.code).toBe('config');
    expect(e.message).toContain('visor.yaml:3:1');
    expect(e.message).toContain('unknown key "explainer": did you mean "explainers"?');
    expect(e.message).toContain('missing required key "explainers"');
  });

  it('names the line of a misspelled plugin option, the bad key, and the option it resembles', () => {
    const text = 'model: m.json\ninputs: [a.png]\nexplainers:\n  - cam\n  - occlusion:\n      pach: 16\n';
    const { config, source } = parseConfig(text, 'visor.yaml');
    const e = configErrorOf(() => resolveConfig(config, testRegistry(), 'visor.yaml', source));
    expect(e.message).toContain('visor.yaml:6:7');
    expect(e.message).toContain('explainers[1].occlusion.pach');
    expect(e.message).toContain('(occlusion) unknown key "pach": did you mean "patch"?');
  });

  it('reports a bad option value with its line, the value and what is accepted', () => {
    const text = 'model: m.json\ninputs: [a.png]\nexplainers:\n  - [occlusion, {patch: 0}]\n';
    const { config, source } = parseConfig(text, 'visor.yaml');
    const e = configErrorOf(() => resolveConfig(config, testRegistry(), 'visor.yaml', source));
    expect(e.message).toMatch(/visor\.yaml:4:\d+ +explainers\[0\]\[1\]\.patch: \(occlusion\) 0 must be >= 1/);
  });

  it('suggests the closest explainer id, enum value and backend (backends come from the loaded engines)', () => {
    const text = 'model: m.json\nbackend: wsam\ninputs: [a.png]\nexplainers: [gradcam]\nresize: strech\n';
    const e1 = configErrorOf(() => parseConfig(text, 'v.yaml'));
    expect(e1.message).toContain('v.yaml:5:9');
    expect(e1.message).toContain('"strech" is not accepted: did you mean "stretch"?');
    const { config, source } = parseConfig(text.replace('strech', 'stretch'), 'v.yaml');
    const e2 = configErrorOf(() => resolveConfig(config, testRegistry(), 'v.yaml', source));
    expect(e2.message).toContain('v.yaml:4:14');
    expect(e2.message).toContain('unknown explainer "gradcam": did you mean "grad-cam"?');
    expect(e2.message).toContain('v.yaml:2:10');
    expect(e2.message).toContain('unknown backend "wsam": did you mean "wasm"? Accepted: auto, onnx, tensorflow, wasm, cpu');
  });

  it('reports YAML syntax errors with their line', () => {
    const e = configErrorOf(() => parseConfig('model: m.json\ninputs: [a.png\nexplainers: [cam]\n', 'bad.yaml'));
    expect(e.message).toMatch(/Invalid YAML in bad\.yaml:\n {2}bad\.yaml:\d+:\d+/);
  });

  it('refuses a config that is not a mapping', () => {
    expect(configErrorOf(() => parseConfig('- a\n- b\n', 'list.yaml')).message).toContain('must hold a YAML mapping');
  });
});
