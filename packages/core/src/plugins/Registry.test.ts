import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeExplainer, fakePlugin, fakeRenderer } from '../config/testRegistry.testkit.js';
import type { VisorPlugin } from '../contracts/VisorPlugin.js';
import type { VisorError } from '../errors/VisorError.js';
import { TYPES } from '../tokens.js';
import { loadPlugin } from './loadPlugin.js';
import { Registry } from './Registry.js';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url));

describe('Registry', () => {
  it('multi-binds every explainer and renderer to one token and keys them by id, in plugin order', () => {
    const r = new Registry([
      fakePlugin('a', [fakeExplainer('cam'), fakeExplainer('grad-cam')], [fakeRenderer('png')]),
      fakePlugin('b', [fakeExplainer('occlusion')]),
    ]);
    expect([...r.explainers().keys()]).toEqual(['cam', 'grad-cam', 'occlusion']);
    expect(r.container.getAll(TYPES.Explainer)).toHaveLength(3);
    expect(r.container.getAll(TYPES.Plugin).map((p) => (p as VisorPlugin).name)).toEqual(['a', 'b']);
    expect(r.ownerOf('explainer', 'occlusion')?.name).toBe('b');
    expect(r.renderer('png').id).toBe('png');
  });

  it('rejects a duplicate explainer id, naming both plugins', () => {
    expect(() => new Registry([fakePlugin('first-plugin', [fakeExplainer('cam')]), fakePlugin('second-plugin', [fakeExplainer('cam')])])).toThrow(
      'Duplicate explainer id "cam": registered by both first-plugin@1.2.3 and second-plugin@1.2.3.',
    );
  });

  it('reports a plugin that throws while registering, with its name and the cause', () => {
    const broken = {
      name: 'broken',
      version: '1.0.0',
      visorApi: '^2',
      register: () => {
        throw new Error('boom');
      },
    };
    let err: VisorError | undefined;
    try {
      new Registry([broken]);
    } catch (e) {
      err = e as VisorError;
    }
    expect(err?.message).toBe('Plugin broken@1.0.0 failed while registering: boom');
    expect((err?.cause as Error).message).toBe('boom');
    expect(err?.code).toBe('plugin');
  });

  it('loads a plugin declared twice only once', () => {
    const p = fakePlugin('twice', [fakeExplainer('cam')]);
    expect([...new Registry([p, p]).explainers().keys()]).toEqual(['cam']);
  });

  it('suggests the closest id for an unknown explainer', () => {
    const r = new Registry([fakePlugin('a', [fakeExplainer('guided-backprop')])]);
    expect(() => r.explainer('guided-backprob')).toThrow(
      'Unknown explainer "guided-backprob": did you mean "guided-backprop"? Known explainers: guided-backprop.',
    );
  });
});

describe('loadPlugin', () => {
  it('loads a third-party plugin from a relative path (a package folder) and registers its explainer', async () => {
    const plugin = await loadPlugin('./third-party-plugin', fixtures);
    expect(plugin.name).toBe('visor-plugin-fixture-brightness');
    expect(plugin.version).toBe('2.0.1');
    expect(new Registry([plugin]).explainer('brightness').defaults).toEqual({ gain: 1 });
  });

  it('rejects an incompatible plugin with both versions in the message', async () => {
    await expect(loadPlugin('./bad-plugins/future-api.js', fixtures)).rejects.toThrow(
      /visor-plugin-from-the-future@9\.0\.0 .* requires Visor plugin API \^3, but this @visor\/core provides plugin API 2\.0\.0/,
    );
  });

  it('names a plugin that cannot be found, or fails to load, with the cause', async () => {
    await expect(loadPlugin('./nope.js', fixtures)).rejects.toThrow(/Plugin "\.\/nope\.js" could not be found: no file or folder at/);
    await expect(loadPlugin('visor-plugin-not-installed-anywhere', fixtures)).rejects.toThrow(
      /Plugin "visor-plugin-not-installed-anywhere" could not be found/,
    );
    await expect(loadPlugin('./bad-plugins/syntax-error.js', fixtures)).rejects.toThrow(/Plugin "\.\/bad-plugins\/syntax-error\.js" failed to load/);
    await expect(loadPlugin('./bad-plugins/not-a-plugin.js', fixtures)).rejects.toThrow(/is not a Visor plugin: "name" \(string\) is missing/);
  });

  it('a plugin that throws while registering is reported by name after loading', async () => {
    const p = await loadPlugin('./bad-plugins/throws.js', fixtures);
    expect(() => new Registry([p])).toThrow('Plugin visor-plugin-throws@0.0.1 failed while registering: cannot find my weights');
  });
});
