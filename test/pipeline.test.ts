import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pipeline, TYPES, loadConfig, prepareRun, type InputReport, type Renderer, type VisorPlugin } from '@visor/core';
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
  const inputs: InputReport[] = [];
  return { outcome: await new Pipeline(registry, { onInput: (i) => inputs.push(i) }).run(resolved), resolved, inputs };
}

/** The files of a run's output folder besides the manifest and the run tables. */
const outputs = async (out: string) => (await listFiles(out)).filter((f) => !f.startsWith('.visor/') && !f.startsWith('results.'));

describe('pipeline', () => {
  it('runs a third-party plugin loaded from a relative path, sharing one prediction per input', async () => {
    const { outcome, inputs } = await run(`model: ./model/model.json
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
    const [a] = inputs;
    expect(a!.explanations.map((e) => e.method)).toEqual(['brightness', 'brightness']);
    expect(a!.explanations.map((e) => e.target.classIndex)).toEqual(a!.predictions.slice(0, 2).map((p) => p.classIndex));
    // preprocess none: the model sees 0..255; the brightness of pixel (0,0) of b.png (value 0) is 0, × gain 2.
    expect(inputs[1]!.explanations[0]!.heatmap.data[0]).toBe(0);
    expect(outcome.summary.inputs.map((i) => i.explanations.map((e) => e.method))).toEqual([
      ['brightness', 'brightness'],
      ['brightness', 'brightness'],
    ]);
    expect(await listFiles(join(dir, 'out-plugin'))).toEqual([
      '.visor/inputs/a.json',
      '.visor/inputs/b.json',
      '.visor/run.json',
      'a.json',
      'b.json',
      'results.csv',
      'results.jsonl',
    ]);
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
    expect(outcome.summary.failures).toHaveLength(1);
    expect(outcome.summary.failures[0]!.message).toContain('broken.png');
    expect(outcome.summary.inputs.map((i) => i.stem)).toEqual(['a', 'b']);
    expect(await outputs(join(dir, 'out-bad'))).toEqual(['a.json', 'b.json']);
    const lines = (await readFile(join(dir, 'out-bad', 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.stem ?? null, l.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      [null, 'failed'],
    ]);
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
    const plugin: VisorPlugin = {
      name: 'failing-renderer',
      version: '1.0.0',
      visorApi: '^2',
      register: (bind) => void bind(TYPES.Renderer).toConstantValue(failing),
    };
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
    expect(await outputs(join(dir, 'out-fail'))).toEqual(['a.json']);
  });

  it('an aborted run keeps the complete inputs and their summary; resume explains only the rest', async () => {
    const file = join(dir, 'abort.yaml');
    await writeFile(
      file,
      'model: ./model/model.json\nbackend: cpu\ninputs: [a.png, b.png]\nbatchSize: 1\nexplainers: [cam]\nrenderers: [json, html]\nout: ./out-abort\n',
    );
    const { config, source } = await loadConfig(file);
    const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: builtinPlugins });
    const controller = new AbortController();
    const pipeline = new Pipeline(registry, { signal: controller.signal, progress: (e) => e.stage === 'inputs' && e.done === 1 && controller.abort() });
    const first = await pipeline.run(resolved);
    expect(first).toMatchObject({ interrupted: true, exitCode: 130, explained: 1 });
    expect(first.summary.total).toBe(2);
    expect(first.summary.inputs.map((i) => i.stem)).toEqual(['a']);
    const out = join(dir, 'out-abort');
    const kept = await listFiles(out);
    expect(kept).toContain('a.json');
    expect(kept).not.toContain('b.json');
    expect(kept).toContain('report.html');
    expect(kept.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const before = await readFile(join(out, 'a.json'), 'utf8');

    const explained: string[] = [];
    const second = await new Pipeline(registry, { onInput: (i) => explained.push(i.stem) }).run(resolved, { resume: true });
    expect(second).toMatchObject({ interrupted: false, exitCode: 0, explained: 1, skipped: 1 });
    expect(explained).toEqual(['b']);
    expect(second.summary.inputs.map((i) => i.stem)).toEqual(['a', 'b']);
    expect(await readFile(join(out, 'a.json'), 'utf8')).toBe(before);
    expect(await outputs(out)).toEqual(expect.arrayContaining(['a.json', 'b.json', 'report.html']));
  });

  it('resume redoes an input whose files changed, and refuses a changed config', async () => {
    const yaml = (explainers: string) =>
      `model: ./model/model.json\nbackend: cpu\ninputs: [a.png, b.png]\nexplainers: [${explainers}]\nrenderers: [json]\nout: ./out-redo\n`;
    await run(yaml('cam'));
    await writeFile(join(dir, 'out-redo', 'b.json'), 'tampered');
    const file = join(dir, 'redo.yaml');
    await writeFile(file, yaml('cam'));
    const { config, source } = await loadConfig(file);
    const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: builtinPlugins });
    const explained: string[] = [];
    const again = await new Pipeline(registry, { onInput: (i) => explained.push(i.stem) }).run(resolved, { resume: true });
    expect(explained).toEqual(['b']);
    expect(again.skipped).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'out-redo', 'b.json'), 'utf8')).input.stem).toBe('b');

    await writeFile(file, yaml('grad-cam'));
    const changed = await loadConfig(file);
    const prepared = await prepareRun(changed.config, { file, source: changed.source, builtins: builtinPlugins });
    await expect(new Pipeline(prepared.registry).run(prepared.config, { resume: true })).rejects.toThrow(/its explainers changed/);
  });

  it('a renderer that only implements the whole-run render still gets every input at the end', async () => {
    const seen: string[] = [];
    const whole: Renderer = {
      id: 'whole-run',
      description: 'one file listing the stems',
      optionsSchema: { type: 'object', additionalProperties: false },
      defaults: {},
      async render(report, ctx) {
        seen.push(...report.inputs.map((i) => `${i.stem}:${i.explanations.length}`));
        await ctx.write('stems.txt', report.inputs.map((i) => i.stem).join(','));
      },
    };
    const plugin: VisorPlugin = { name: 'whole-run', version: '1.0.0', visorApi: '^2', register: (bind) => void bind(TYPES.Renderer).toConstantValue(whole) };
    const { outcome } = await run(
      `model: ./model/model.json\nbackend: cpu\ninputs: [a.png, b.png]\nbatchSize: 1\nexplainers: [cam]\nrenderers: [whole-run]\nout: ./out-whole\n`,
      [plugin],
    );
    expect(outcome.exitCode).toBe(0);
    expect(seen).toEqual(['a:1', 'b:1']);
    expect(await readFile(join(dir, 'out-whole', 'stems.txt'), 'utf8')).toBe('a,b');
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
    expect(doc.explainers).toEqual([{ id: 'grad-cam', options: expect.objectContaining({ relu: false, score: 'logit', upsample: 'bilinear' }) }]);
    expect(doc.explanations[0].method).toBe('grad-cam');
    expect(doc.explanations[0].options.relu).toBe(false);
  });
});
