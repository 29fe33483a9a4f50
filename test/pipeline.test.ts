import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pipeline, TYPES, loadConfig, prepareRun, type Renderer, type VisorPlugin } from '@visor/core';
import { tf } from '@visor/engine-tfjs';
import { builtinPlugins } from '@visor/cli';
import { listFiles, saveTinyCnn, tempDir, writePng } from './helpers.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await tempDir();
  await saveTinyCnn(join(dir, 'model'));
  await writePng(join(dir, 'a.png'), 20, 12, (x, y) => x * 10 + y);
  await writePng(join(dir, 'b.png'), 16, 16, (x, y) => (x * y) % 200);
  await writeFile(join(dir, 'broken.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
});

async function run(yaml: string, extra: VisorPlugin[] = []) {
  const file = join(dir, `visor-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  const { config, source } = await loadConfig(file);
  const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: [...builtinPlugins, ...extra] });
  return { outcome: await new Pipeline(registry).run(resolved), resolved };
}

describe('pipeline', () => {
  it('runs a third-party plugin loaded from a relative path, sharing one prediction per input', async () => {
    const { outcome } = await run(`model: ./model/model.json
backend: cpu
inputs: [a.png, b.png]
targets: { top: 2 }
plugins: [${join(fixtures, 'third-party-plugin')}]
explainers:
  - brightness: { gain: 2 }
renderers: [json]
out: ./out-plugin
`);
    expect(outcome.exitCode).toBe(0);
    const [a] = outcome.report.inputs;
    expect(a.explanations.map((e) => e.method)).toEqual(['brightness', 'brightness']);
    expect(a.explanations.map((e) => e.target.classIndex)).toEqual(a.predictions.slice(0, 2).map((p) => p.classIndex));
    // preprocess none: the model sees 0..255; the brightness of pixel (0,0) of b.png (value 0) is 0, × gain 2.
    expect(outcome.report.inputs[1].explanations[0].heatmap.data[0]).toBe(0);
    expect(await listFiles(join(dir, 'out-plugin'))).toEqual(['a.json', 'b.json']);
  });

  it('reports a corrupt image, explains the rest, and exits 1', async () => {
    const { outcome } = await run(`model: ./model/model.json
backend: cpu
inputs: [a.png, broken.png, b.png]
explainers: [cam]
renderers: [json]
out: ./out-bad
`);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.report.failures).toHaveLength(1);
    expect(outcome.report.failures[0].message).toContain('broken.png');
    expect(outcome.report.inputs.map((i) => i.stem)).toEqual(['a', 'b']);
    expect(await listFiles(join(dir, 'out-bad'))).toEqual(['a.json', 'b.json']);
  });

  it('a failing renderer leaves no partial file in out/, the other renderers still write theirs', async () => {
    const failing: Renderer = {
      id: 'half-then-fail',
      description: 'writes one file, then throws',
      optionsSchema: { type: 'object', additionalProperties: false },
      defaults: {},
      async render(_report, ctx) {
        await ctx.write('partial/first.txt', 'half of the output');
        throw new Error('renderer crashed midway');
      },
    };
    const plugin: VisorPlugin = { name: 'failing-renderer', version: '1.0.0', visorApi: '^1', register: (bind) => void bind(TYPES.Renderer).toConstantValue(failing) };
    const { outcome } = await run(
      `model: ./model/model.json
backend: cpu
inputs: [a.png]
explainers: [cam]
renderers: [half-then-fail, json]
out: ./out-fail
`,
      [plugin],
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.rendererErrors).toEqual([{ id: 'half-then-fail', message: 'renderer crashed midway' }]);
    expect(await listFiles(join(dir, 'out-fail'))).toEqual(['a.json']);
  });

  it('an aborted run writes nothing', async () => {
    const file = join(dir, 'abort.yaml');
    await writeFile(file, 'model: ./model/model.json\nbackend: cpu\ninputs: [a.png, b.png]\nbatchSize: 1\nexplainers: [cam]\nrenderers: [json]\nout: ./out-abort\n');
    const { config, source } = await loadConfig(file);
    const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: builtinPlugins });
    const controller = new AbortController();
    const pipeline = new Pipeline(registry, { signal: controller.signal, progress: (e) => e.stage === 'inputs' && e.done === 1 && controller.abort() });
    await expect(pipeline.run(resolved)).rejects.toMatchObject({ code: 'aborted' });
    expect(await listFiles(join(dir, 'out-abort'))).toEqual([]);
  });

  it('leaks no tensor over a run', async () => {
    const before = tf.memory().numTensors;
    await run(`model: ./model/model.json\nbackend: cpu\ninputs: [a.png]\nexplainers: [cam, grad-cam]\nrenderers: [json]\nout: ./out-leak\n`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the JSON records the backend and the explainers with their options', async () => {
    await run(`model: ./model/model.json\nbackend: cpu\ninputs: [a.png]\nexplainers: [[grad-cam, {relu: false}]]\nrenderers: [json]\nout: ./out-json\n`);
    const doc = JSON.parse(await readFile(join(dir, 'out-json', 'a.json'), 'utf8'));
    expect(doc.backend).toBe('cpu');
    expect(JSON.stringify(doc)).toContain('"relu":false');
  });
});
