#!/usr/bin/env node
// In-page times of the web app beside Node's, for the same work: one image, one method, on tfjs wasm or ONNX Runtime.
//   node bench/web.js [--quick] [--runs 3] [--models demo,resnet50,demo-onnx,resnet50-onnx] [--methods cam,grad-cam,occlusion-7x7,guided-backprop] [--out file.json]
// Plain ESM over the BUILT packages (`npm run bench` builds first; the app is packages/web/dist). Prints one JSON
// object; `benchWeb(options)` returns it, for bench/run.js to include. Speed is never a test assertion.
//
// Page: Debian's Chromium (headless) on the app served by `visor serve`'s server on 127.0.0.1, so the page is
// cross-origin isolated and tfjs loads its threaded SIMD wasm build. The time is the worker's own for a run
// (decode, predict, the method, the display maps), read from the page once the run is done.
// Node: the same code path in-process (core's readInput + prepareDecoded + explainBatch) on the same engine: tfjs wasm,
// or onnxruntime-node where the page runs onnxruntime-web (wasm, SIMD, navigator.hardwareConcurrency threads).
// ResNet-50 (tfjs) is the zoo architecture with seeded random weights, saved once to bench/models/ (git-ignored);
// resnet50-onnx is torchvision's, exported by `/usr/bin/python3 bench/export_torchvision.py resnet50` to
// bench/models/resnet50.onnx (skipped, with the reason in the output, when that file is absent).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM, CHROMIUM_LAUNCH } from '@visor/core/testing';
import { summarize } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const IMAGE = join(repo, 'examples/demo/images/06-square-watermark.png');

/** Method name → explainer id and options per model (occlusion-7x7: a 7×7 grid of windows without overlap). */
const METHODS = {
  cam: { id: 'cam', options: () => ({}) },
  'grad-cam': { id: 'grad-cam', options: () => ({}) },
  'occlusion-7x7': { id: 'occlusion', options: (size) => ({ patch: Math.ceil(size / 7), stride: Math.ceil(size / 7) }) },
  'guided-backprop': { id: 'guided-backprop', options: () => ({}) },
};

/** `file`: what the model is loaded from; `backend`: the page's choice and the Node engine's (`onnx` = ONNX Runtime on both). */
const MODELS = {
  demo: {
    file: join(repo, 'examples/demo/models/clean/model.json'),
    size: 64,
    preprocess: 'tf',
    backend: 'wasm',
    label: 'demo CNN (examples/demo/models/clean, 64×64)',
  },
  resnet50: {
    file: join(repo, 'bench/models/resnet50/model.json'),
    size: 224,
    preprocess: 'caffe',
    backend: 'wasm',
    label: 'ResNet-50 (zoo, seeded random weights, 224×224)',
  },
  'demo-onnx': {
    file: join(repo, 'examples/demo/models/clean/model.json'),
    size: 64,
    preprocess: 'tf',
    backend: 'onnx',
    label: 'demo CNN converted to ONNX in memory (backend onnx), 64×64',
  },
  'resnet50-onnx': {
    file: join(repo, 'bench/models/resnet50.onnx'),
    size: 224,
    preprocess: 'torch',
    backend: 'onnx',
    outputActivation: 'softmax',
    label: 'ResNet-50 (torchvision export, random weights, 224×224) on ONNX Runtime',
    missing: '/usr/bin/python3 bench/export_torchvision.py resnet50',
  },
};

/** The files the page is given: an .onnx file, or model.json and its shards. */
function modelFiles(model) {
  if (model.file.endsWith('.onnx')) return [model.file];
  const dir = dirname(model.file);
  return ['model.json', ...JSON.parse(readFileSync(model.file, 'utf8')).weightsManifest.flatMap((g) => g.paths)].map((f) => join(dir, f));
}

async function ensureResnet50(dir) {
  if (existsSync(join(dir, 'model.json'))) return;
  const { resnet50, saveLayersModel, tf } = await import('@visor/engine-tfjs');
  await tf.ready(); // building the layers draws their initial weights on the active backend
  mkdirSync(dir, { recursive: true });
  const m = resnet50({ seed: 50 });
  await saveLayersModel(m, dir);
  m.dispose();
}

/** Node: the worker's code path (decode → fit → explainBatch) on the model's engine, `runs` timed runs after one warm-up. */
async function nodeTimes(model, methods, runs) {
  const core = await import('@visor/core');
  const engines = [(await import('@visor/engine-tfjs')).default, (await import('@visor/engine-onnx')).default];
  const plugins = [
    ...engines,
    (await import('@visor/plugin-cam')).default,
    (await import('@visor/plugin-occlusion')).default,
    (await import('@visor/plugin-guided-bp')).default,
  ];
  const registry = new core.Registry(plugins);
  const { model: m } = await core.loadModel(model.file, registry, { backend: model.backend, outputActivation: model.outputActivation ?? 'auto' });
  const out = {};
  try {
    const preprocess = core.resolvePreprocess(model.preprocess);
    for (const name of methods) {
      const spec = METHODS[name];
      const explainer = registry.explainer(spec.id);
      const options = core.validateOptions(explainer, spec.options(model.size));
      const once = async () => {
        const decoded = await core.readInput(IMAGE);
        const prepared = { ...core.prepareDecoded(decoded, m, preprocess, 'stretch'), stem: 'x', mask: null };
        await core.explainBatch([prepared], 0, { model: m, labels: [], targets: { top: 1 }, explainers: [{ id: spec.id, options, explainer }], metrics: [] });
      };
      await once();
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      out[name] = summarize(times);
    }
  } finally {
    await m.dispose();
  }
  return out;
}

/** Page: the built app in Chromium; each method run `runs` times after one warm-up, the worker's time of each run. */
async function pageTimes(page, model, methods, runs) {
  // Backend and output activation first: changing them reloads the model already in the page, so wait that out.
  await page.selectOption('#backend', model.backend);
  await page.selectOption('#output-activation', model.outputActivation ?? 'auto');
  await page.waitForFunction(() => document.getElementById('model-info')?.textContent !== 'loading…', null, { timeout: 600_000 });
  await page.selectOption('#preprocess', model.preprocess);
  const loadStart = Date.now();
  await page.setInputFiles('#model-file', modelFiles(model));
  await page.waitForFunction((source) => document.body.dataset.model === source || document.querySelector('#messages .message'), basename(model.file), {
    timeout: 600_000,
  });
  const problem = await page.$('#messages .message');
  if (problem) throw new Error(`the page could not load ${model.label}: ${await problem.textContent()}`);
  const loadMs = Date.now() - loadStart;
  const engine = (await page.textContent('#model-info')).split(' · ').pop();
  await page.setInputFiles('#image-files', IMAGE);
  await page.fill('#targets', '1');
  const out = {};
  for (const name of methods) {
    const spec = METHODS[name];
    await page.evaluate((id) => {
      // The method boxes only (`use-<id>`): the option forms hold checkboxes too (grad-cam's relu).
      for (const box of document.querySelectorAll('#explainers input[id^="use-"]')) box.checked = box.value === id;
      for (const box of document.querySelectorAll('#metrics input[id^="use-"]')) box.checked = false;
      for (const d of document.querySelectorAll('details.choice')) d.open = d.querySelector(`input[value="${id}"]`) !== null;
    }, spec.id);
    for (const [k, v] of Object.entries(spec.options(model.size))) await page.fill(`[id="opt-${spec.id}-${k}"]`, String(v));
    const times = [];
    for (let i = 0; i <= runs; i++) {
      await page.click('#run');
      await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.body.dataset.runState ?? ''), null, { timeout: 1_800_000 });
      const state = await page.evaluate(() => document.body.dataset.runState);
      if (state !== 'done') throw new Error(`${name} on ${model.label}: the run ${state}: ${await page.textContent('#messages .message:last-child')}`);
      // A run is 'done' also when its input could not be used (the results list shows it as a failure, and is
      // cleared when a run starts): its time is not the method's.
      const failure = await page.$('#results .failure');
      if (failure) throw new Error(`${name} on ${model.label}: the input failed in the page: ${await failure.textContent()}`);
      if (i > 0) times.push(Number(await page.evaluate(() => document.body.dataset.runMs)));
    }
    for (const k of Object.keys(spec.options(model.size))) await page.fill(`[id="opt-${spec.id}-${k}"]`, '');
    out[name] = summarize(times);
  }
  return { loadMs, engine, methods: out };
}

/**
 * Runs the comparison and returns `{ machine, models: { [name]: { label, node, page } } }` (times in ms,
 * bench/stats.js summaries).
 */
export async function benchWeb({ models = ['demo', 'resnet50', 'demo-onnx', 'resnet50-onnx'], methods = Object.keys(METHODS), runs = 3 } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install -y chromium)`);
  const app = join(repo, 'packages/web/dist');
  if (!existsSync(join(app, 'index.html'))) throw new Error('packages/web/dist is not built: run `npm run build` first');
  const { serveStatic } = await import('@visor/cli');
  const { chromium } = await import('playwright-core');
  const served = await serveStatic(app, { host: '127.0.0.1', port: 0 });
  const context = await chromium.launchPersistentContext(join(os.tmpdir(), `visor-bench-web-${process.pid}`), {
    ...CHROMIUM_LAUNCH,
  });
  const result = { machine: { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version, chromium: '' }, models: {} };
  try {
    const page = await context.newPage();
    await page.goto(served.url);
    await page.waitForSelector('body[data-ready="1"]');
    result.machine.chromium = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
    result.machine.crossOriginIsolated = await page.evaluate(() => crossOriginIsolated);
    result.machine.hardwareConcurrency = await page.evaluate(() => navigator.hardwareConcurrency);
    for (const name of models) {
      const model = MODELS[name];
      if (!model) throw new Error(`--models: "${name}" is not one of ${Object.keys(MODELS).join(', ')}`);
      if (model.missing && !existsSync(model.file)) {
        result.models[name] = { label: model.label, skipped: `${model.file} not found; make it with: ${model.missing}` };
        continue;
      }
      if (name === 'resnet50') await ensureResnet50(dirname(model.file));
      const r = name === 'resnet50' ? 1 : name === 'resnet50-onnx' ? Math.min(runs, 3) : runs;
      const chosen = methods;
      result.models[name] = { label: model.label, page: await pageTimes(page, model, chosen, r), node: await nodeTimes(model, chosen, r) };
    }
  } finally {
    await context.close();
    await served.close();
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      models: { type: 'string' },
      methods: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const result = await benchWeb({
    models: (args.models ?? (args.quick ? 'demo,demo-onnx' : 'demo,resnet50,demo-onnx,resnet50-onnx')).split(','),
    methods: (args.methods ?? Object.keys(METHODS).join(',')).split(','),
    runs: Number(args.runs ?? (args.quick ? 2 : 5)),
  });
  const text = JSON.stringify(
    result,
    (k, v) =>
      ['times', 'cpuTimes', 'cpuMedian', 'q1', 'q3', 'cpuOverWall', 'waitShare', 'othersShare'].includes(k)
        ? undefined
        : typeof v === 'number'
          ? Math.round(v * 10) / 10
          : v,
    2,
  );
  if (args.out) (await import('node:fs')).writeFileSync(args.out, `${text}\n`);
  console.log(text);
}
