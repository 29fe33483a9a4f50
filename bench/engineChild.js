#!/usr/bin/env node
// One model on one engine, in a process of its own (bench/run.js starts it with --expose-gc):
//   node --expose-gc bench/engineChild.js <job.json>
// The job names the model, the engine, the methods and the settings; the results go to job.out as JSON.
// Own processes keep the engines apart: tfjs-wasm's heap only grows, ONNX Runtime's arenas stay at their
// peak, and each process's peak RSS is then its engine's alone.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ENGINES, ensureZooModel, MODELS } from './benchModels.js';
import { EngineCases } from './engineCases.js';
import { inputImages } from './inputs.js';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${job.model} on ${job.engine}:`, ...a);

const model = MODELS[job.model];
const engine = ENGINES[job.engine];
const tfjsSource = job.engine !== 'onnx';
const file = tfjsSource ? await ensureZooModel(job.model) : job.file;

const core = await import('@visor/core');
const pluginNames = [
  '@visor/engine-onnx',
  ...(tfjsSource ? ['@visor/engine-tfjs'] : []),
  '@visor/plugin-cam',
  '@visor/plugin-occlusion',
  '@visor/plugin-guided-bp',
  '@visor/plugin-metrics',
];
const plugins = await Promise.all(pluginNames.map(async (p) => (await import(p)).default));
const registry = new core.Registry(plugins);

const t0 = performance.now();
const loaded = await core.loadModel(file, registry, { backend: engine.backend, threads: job.threads });
const loadMs = performance.now() - t0;
const m = loaded.model;
log(`loaded ${file} in ${Math.round(loadMs)} ms (${loaded.reason})`);
const [H, W, C] = m.inputShape;
const shape = [H ?? model.size, W ?? model.size, C];
const images = await inputImages(core, shape, 16);

const env = {
  core,
  registry,
  model: m,
  images,
  shape,
  occlusion: await import('@visor/plugin-occlusion'),
  settings: job.settings,
};
const cases = new EngineCases(env);
const results = [];
const failures = [];
for (const method of job.methods) {
  log(`${method}…`);
  try {
    const r = await cases.measure(method);
    results.push(r);
    if (r.time)
      log(
        `${method}: median ${r.time.median.toFixed(1)} ms (${r.time.min.toFixed(1)}–${r.time.max.toFixed(1)}), cpu/wall ${r.time.cpuOverWall.toFixed(2)}, wait ${Math.round(r.time.waitShare * 100)} %`,
      );
    if (r.rss) log(`rss: ${r.rss.beforeMB} → ${r.rss.afterMB} MB over ${r.rss.runs} calls (peak ${r.peakRssMB} MB)`);
  } catch (e) {
    log(`${method} failed: ${e.stack ?? e}`);
    failures.push({ method, error: String(e.message ?? e).split('\n')[0] });
  }
}
await m.dispose();

writeFileSync(
  job.out,
  JSON.stringify({
    model: job.model,
    engine: job.engine,
    label: engine.label,
    file,
    loadMs,
    reason: loaded.reason,
    engineName: m.engine,
    threads: m.threads ?? 1,
    inputShape: shape,
    loadavgAtEnd: os.loadavg()[0],
    cases: results,
    failures,
  }),
);
