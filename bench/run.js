#!/usr/bin/env node
// Visor benchmarks: `npm run bench` (builds, then runs this). Plain ESM over the BUILT packages.
//   node bench/run.js [--quick] [--runs 3] [--warmup 1] [--long-runs 1] [--models demo,resnet50,resnet152]
//                     [--methods cam,grad-cam,occlusion-7x7,occlusion-27x27,guided-backprop] [--no-parallel]
//                     [--dense152] [--images 16] [--parallel-method occlusion-27x27] [--image-method grad-cam]
//                     [--parallel-workers 1,2] [--out file.json]
//   node bench/run.js --compare a.json b.json
// Speed is never a test assertion: the figures go to docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare } from './compare.js';
import { fmtMs, peakRssMB, table, timeRuns } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    'long-runs': { type: 'string' },
    models: { type: 'string' },
    methods: { type: 'string' },
    'no-parallel': { type: 'boolean', default: false },
    dense152: { type: 'boolean', default: false },
    images: { type: 'string' },
    'parallel-method': { type: 'string' },
    'image-method': { type: 'string' },
    'parallel-workers': { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 8).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
if (args.compare) {
  if (positionals.length !== 2) {
    console.error('--compare needs two result files: node bench/run.js --compare a.json b.json');
    process.exit(2);
  }
  compare(positionals[0], positionals[1]);
  process.exit(0);
}

const int = (name, fallback) => {
  const v = args[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name}: "${v}" is not a whole number ≥ 0`);
    process.exit(2);
  }
  return n;
};
const QUICK = args.quick;
const RUNS = Math.max(1, int('runs', 3));
/** The demo model's passes take milliseconds: more runs for a stable median. */
const SMALL_RUNS = Math.max(RUNS, int('runs', 10));
const WARMUP = int('warmup', 1);
const LONG_RUNS = Math.max(1, int('long-runs', 1));
const IMAGES = Math.max(1, int('images', 16));
const ALL_METHODS = ['cam', 'grad-cam', 'occlusion-7x7', 'occlusion-27x27', 'guided-backprop'];
const MODELS = (args.models ?? (QUICK ? 'demo' : 'demo,resnet50,resnet152')).split(',').map((s) => s.trim());
const METHODS = (args.methods ?? ALL_METHODS.join(',')).split(',').map((s) => s.trim());
for (const m of MODELS) if (!['demo', 'resnet50', 'resnet152'].includes(m)) fail(`--models: "${m}" is not one of demo, resnet50, resnet152`);
for (const m of METHODS) if (!ALL_METHODS.includes(m)) fail(`--methods: "${m}" is not one of ${ALL_METHODS.join(', ')}`);
const PARALLEL_METHOD = args['parallel-method'] ?? 'occlusion-27x27';
const IMAGE_METHOD = args['image-method'] ?? (QUICK ? 'occlusion-27x27' : 'grad-cam');
if (!PARALLEL_METHOD.startsWith('occlusion-') || !ALL_METHODS.includes(PARALLEL_METHOD)) fail(`--parallel-method: "${PARALLEL_METHOD}" is not occlusion-7x7 or occlusion-27x27`);
const PARALLEL_WORKERS = (args['parallel-workers'] ?? '1,2').split(',').map(Number);
if (!PARALLEL_WORKERS.every((n) => Number.isInteger(n) && n >= 1)) fail(`--parallel-workers: "${args['parallel-workers']}" is not a list of worker counts such as 1,2`);
if (!ALL_METHODS.includes(IMAGE_METHOD)) fail(`--image-method: "${IMAGE_METHOD}" is not one of ${ALL_METHODS.join(', ')}`);

function fail(message) {
  console.error(message);
  process.exit(2);
}
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

let core, plugins;
try {
  core = await import('@visor/core');
  plugins = [
    (await import('@visor/plugin-cam')).default,
    (await import('@visor/plugin-occlusion')).default,
    (await import('@visor/plugin-guided-bp')).default,
  ];
} catch (e) {
  fail(`bench: cannot import the built packages (${e.message}). Run \`npm run bench\` (it builds first) or \`npx turbo run build\`.`);
}
const { tf, selectBackend, loadModel, saveLayersModel, Registry, readInput, fitToModel, createParallelScorer, createExplainWorkers, runInWorkers } = core; // TODO: bench rewrite for the engines
const occlusionLib = await import('@visor/plugin-occlusion');
const explainers = new Registry(plugins).explainers();

/** Method name → explainer id and options (validated defaults + overrides). */
const METHOD_SPECS = {
  cam: { id: 'cam', options: {} },
  'grad-cam': { id: 'grad-cam', options: {} },
  'occlusion-7x7': { id: 'occlusion', options: { patch: 32, stride: 32 } },
  'occlusion-27x27': { id: 'occlusion', options: { patch: 16, stride: 8 } },
  'guided-backprop': { id: 'guided-backprop', options: {} },
};
/**
 * ResNet-152 at the occlusion's default batch (16 copies of 224×224) exceeds what the wasm heap can
 * hold ("memory access out of bounds" in a fresh process): its occlusion runs with batches of 4.
 */
const MODEL_OPTIONS = { resnet152: { occlusion: { batchSize: 4 } } };
let currentModel = '';
const optionsOf = (method) => {
  const { id, options } = METHOD_SPECS[method];
  const ex = explainers.get(id);
  if (!ex) fail(`bench: no explainer "${id}" registered by the plugins`);
  return { explainer: ex, options: { ...ex.defaults, ...options, ...(MODEL_OPTIONS[currentModel]?.[id] ?? {}) } };
};

// ---------- machine ----------
const cpuModel = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model;
  }
})();
const machine = {
  nproc: os.availableParallelism(),
  cpu: cpuModel,
  node: process.version,
  tfjs: tf.version_core,
  platform: `${os.platform()} ${os.release()}`,
  totalMemGiB: Math.round(os.totalmem() / 2 ** 30),
  loadavgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
};

// ---------- models and inputs ----------
const tmp = mkdtempSync(join(os.tmpdir(), 'visor-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Where each model.json is (built models are saved once to a temp folder so worker threads can load them). */
async function modelFile(name) {
  if (name === 'demo') {
    const built = join(repo, 'examples/demo/models/clean/model.json');
    if (existsSync(built)) return { path: built, label: 'demo (examples/demo/models/clean)' };
    const { buildDemoModel } = await import('../scripts/buildDemoModel.mjs');
    const m = buildDemoModel(tf, 6, 64, 1);
    const dir = join(tmp, 'demo');
    await saveLayersModel(m, dir);
    m.dispose();
    return { path: join(dir, 'model.json'), label: 'demo architecture, untrained (examples/demo/models/clean not built yet)' };
  }
  const build = name === 'resnet50' ? core.resnet50 : core.resnet152;
  const m = build({ seed: name === 'resnet50' ? 50 : 152 });
  const dir = join(tmp, name);
  await saveLayersModel(m, dir);
  m.dispose();
  return { path: join(dir, 'model.json'), label: `${name} (zoo, random weights, 224×224)` };
}

/** The demo images fitted to the model's size, scaled to [-1, 1], cycled to `count` images. */
async function inputImages(model, count) {
  const [H, W, C] = model.inputShape;
  const dir = join(repo, 'examples/demo/images');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => join(dir, f)) : [];
  const images = [];
  for (const f of files) {
    const decoded = await readInput(f);
    if (decoded.channels !== C) continue;
    const fitted = fitToModel(decoded, { height: H, width: W });
    images.push(fitted.data.map((v) => v / 127.5 - 1));
  }
  if (images.length === 0) {
    // No demo images: deterministic noise.
    let s = 12345;
    const data = new Float32Array(H * W * C).map(() => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1);
    images.push(data);
  }
  return Array.from({ length: count }, (_, i) => images[i % images.length]);
}

async function predictionsOf(model, input) {
  const [l, p] = model.run(input, ['logits', 'probabilities']);
  const logits = (await l.array()).map((r) => Float32Array.from(r));
  const probabilities = (await p.array()).map((r) => Float32Array.from(r));
  tf.dispose([l, p]);
  return { logits, probabilities };
}

const argmax = (row) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

function contextFor(model, input, predictions, options, parallel) {
  return {
    model,
    input,
    targets: predictions.probabilities.map((p) => [argmax(p)]),
    predictions,
    options,
    backend: tf.getBackend(),
    label: (i) => `class ${i}`,
    progress: () => {},
    signal: new AbortController().signal,
    ...(parallel ? { parallel } : {}),
  };
}

/** The occlusion batch size the explainer will use (its own budget rule), and the number of windows. */
function occlusionShape(model, options, [H, W, C]) {
  const r = occlusionLib.resolveOcclusionOptions(options, [H, W, C]);
  const windows = occlusionLib.occlusionGrid(H, W, r.patch, r.stride).windows.length;
  const factor = occlusionLib.activationFactorFor(model, r.activationFactor, [H, W, C]);
  const batch = occlusionLib.budgetedBatchSize(r.batchSize, [H, W, C], r.memoryBudgetMB, factor, windows);
  return { windows, batch };
}

// ---------- measurements ----------
async function forwardFloor(model, images, batch, runs, warmup) {
  const [H, W, C] = model.inputShape;
  const data = new Float32Array(batch * H * W * C);
  for (let b = 0; b < batch; b++) data.set(images[b % images.length], b * H * W * C);
  const x = tf.tensor4d(data, [batch, H, W, C]);
  try {
    return await timeRuns(async () => {
      const s = tf.tidy(() => model.classScores(x, 'probability'));
      await s.data();
      s.dispose();
    }, { runs, warmup });
  } finally {
    x.dispose();
  }
}

async function gradFloor(model, input, target, runs, warmup) {
  const f = (x) => model.classScores(x, 'logit').slice([0, target], [1, 1]).sum();
  return timeRuns(async () => {
    const g = tf.tidy(() => tf.grad(f)(input));
    await g.data();
    g.dispose();
  }, { runs, warmup });
}

const cases = [];
const parallelResults = [];
const floors = [];

const files = new Map();
async function benchModel(name, backend) {
  await selectBackend('wasm'); // models are built (and saved) on wasm
  if (!files.has(name)) files.set(name, await modelFile(name));
  const file = files.get(name);
  currentModel = name;
  const selection = await selectBackend(backend);
  log(`${name} on ${selection.name}: loading ${file.path}`);
  const model = await loadModel(file.path);
  const [H, W, C] = model.inputShape;
  const images = await inputImages(model, IMAGES);
  const input = tf.tensor4d(images[0], [1, H, W, C]);
  const predictions = await predictionsOf(model, input);
  const target = argmax(predictions.probabilities[0]);
  const big = name !== 'demo' || backend === 'cpu';
  const runs = name === 'demo' && backend === 'wasm' ? SMALL_RUNS : RUNS;
  const floorCache = new Map();
  const floorFwd = async (batch) => {
    if (!floorCache.has(batch)) {
      log(`  floor: forward pass, batch ${batch}`);
      floorCache.set(batch, await forwardFloor(model, images, batch, runs, batch > 1 && big ? 0 : WARMUP));
      floors.push({ model: name, backend, kind: `forward batch ${batch}`, time: floorCache.get(batch) });
    }
    return floorCache.get(batch);
  };
  let grad;
  const floorGrad = async () => {
    if (!grad) {
      log('  floor: tf.grad of the class score w.r.t. the input');
      grad = await gradFloor(model, input, target, runs, WARMUP);
      floors.push({ model: name, backend, kind: 'tf.grad of the score (batch 1)', time: grad });
    }
    return grad;
  };
  const singleThreadMaps = {};

  try {
    for (const method of METHODS) {
      if (method === 'occlusion-27x27' && name === 'resnet152' && !args.dense152) {
        log('  skip occlusion-27x27 on resnet152 (729 forward passes ≈ 14 min; --dense152 to include)');
        continue;
      }
      if (method === 'occlusion-27x27' && backend === 'cpu') continue; // minutes on the pure-JS backend
      const { explainer, options } = optionsOf(method);
      const ctx = contextFor(model, input, predictions, options);
      const isOcclusion = explainer.id === 'occlusion';
      const long = isOcclusion && big;
      let floor;
      let floorNote;
      let occ;
      if (isOcclusion) {
        occ = occlusionShape(model, options, [H, W, C]);
        const fb = await floorFwd(occ.batch);
        floor = (fb.median / occ.batch) * occ.windows;
        floorNote = `${occ.windows} windows × forward(batch ${occ.batch}) / ${occ.batch}`;
      } else if (method === 'cam' || method === 'grad-cam') {
        // Grad-CAM also backpropagates, but only down to a late layer: a forward pass is its lower bound.
        floor = (await floorFwd(1)).median;
        floorNote = 'forward (batch 1)';
      } else {
        floor = (await floorGrad()).median;
        floorNote = 'tf.grad of the score (batch 1)';
      }
      log(`  ${method}${occ ? ` (${occ.windows} windows, batch ${occ.batch})` : ''}: ${long ? LONG_RUNS : runs} run(s)`);
      const before = tf.memory().numTensors;
      let last;
      const time = await timeRuns(async () => {
        last = await explainer.explain(ctx);
      }, { runs: long ? LONG_RUNS : runs, warmup: long ? 0 : WARMUP });
      const leaked = tf.memory().numTensors - before;
      if (isOcclusion) singleThreadMaps[method] = { raw: last[0].raw.data, time };
      const c = {
        model: name,
        modelLabel: file.label,
        backend: selection.name,
        method,
        explainer: explainer.id,
        options: { ...METHOD_SPECS[method].options, ...(MODEL_OPTIONS[name]?.[explainer.id] ?? {}) },
        images: 1,
        time,
        floorMs: floor,
        floor: floorNote,
        overFloor: time.median / floor,
        cpuOverWall: time.cpuMedian / time.median,
        imagesPerSecond: 1000 / time.median,
        peakRssMB: peakRssMB(),
        tensorsLeaked: leaked,
        ...(occ ? { windows: occ.windows, batchSize: occ.batch } : {}),
      };
      cases.push(c);
      log(`    median ${fmtMs(time.median)} (${fmtMs(time.min)}–${fmtMs(time.max)}), ${c.overFloor.toFixed(2)}× floor, leaked ${leaked}`);
    }

    // ---------- parallel: occlusion batches over worker threads ----------
    const parallelModel = QUICK ? 'demo' : 'resnet50';
    if (!args['no-parallel'] && name === parallelModel && backend === 'wasm') {
      await parallelOcclusion(name, file, model, input, predictions, singleThreadMaps[PARALLEL_METHOD]);
      await parallelImages(name, file, model, images, IMAGE_METHOD);
    }
  } finally {
    input.dispose();
    model.dispose();
  }
}

async function parallelOcclusion(name, file, model, input, predictions, single) {
  const method = PARALLEL_METHOD;
  const { explainer, options } = optionsOf(method);
  if (!single) {
    log(`  ${method} single-thread reference (not measured above)`);
    const ctx = contextFor(model, input, predictions, options);
    let last;
    const time = await timeRuns(async () => {
      last = await explainer.explain(ctx);
    }, { runs: name === 'demo' ? SMALL_RUNS : LONG_RUNS, warmup: name === 'demo' ? WARMUP : 0 });
    single = { raw: last[0].raw.data, time };
  }
  for (const workers of PARALLEL_WORKERS) {
    log(`  ${method} with ${workers} worker thread(s): starting workers`);
    const t0 = performance.now();
    const scorer = await createParallelScorer({ modelPath: file.path, backend: 'wasm', workers });
    const startupMs = performance.now() - t0;
    try {
      // Warm-up, untimed: one batch per worker (first passes grow each worker's wasm heap), as the
      // main thread was warmed by the cases above.
      const occ = occlusionShape(model, options, model.inputShape);
      const size = model.inputShape.reduce((a, b) => a * b, 1);
      await Promise.all(Array.from({ length: workers }, () => scorer.classScores(new Float32Array(occ.batch * size), occ.batch, options.score)));
      const ctx = contextFor(model, input, predictions, options, scorer);
      let last;
      const time = await timeRuns(async () => {
        last = await explainer.explain(ctx);
      }, { runs: name === 'demo' ? SMALL_RUNS : LONG_RUNS, warmup: name === 'demo' ? WARMUP : 0 });
      let maxAbsDiff = 0;
      last[0].raw.data.forEach((v, i) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - single.raw[i]))));
      const r = {
        name: `${method} on ${name}, ${workers} worker(s) vs main thread`,
        kind: 'batches',
        model: name,
        workers,
        startupMs,
        singleThread: single.time,
        time,
        speedup: single.time.median / time.median,
        maxAbsDiffVsSingleThread: maxAbsDiff,
        peakRssMB: peakRssMB(),
      };
      parallelResults.push(r);
      log(`    ${fmtMs(time.median)} vs ${fmtMs(single.time.median)} single-thread: speedup ${r.speedup.toFixed(2)}x, max |Δ| ${maxAbsDiff}`);
    } finally {
      await scorer.close();
    }
  }
}

/** Image-level: IMAGES inputs explained one by one in the main thread vs spread over worker threads. */
async function parallelImages(name, file, model, images, method) {
  const { explainer, options } = optionsOf(method);
  const [H, W, C] = model.inputShape;
  const prepared = [];
  for (const img of images) {
    const x = tf.tensor4d(img, [1, H, W, C]);
    prepared.push({ data: img, predictions: await predictionsOf(model, x) });
    x.dispose();
  }
  log(`  ${images.length} images × ${method}, main thread`);
  {
    const x = tf.tensor4d(prepared[0].data, [1, H, W, C]);
    await explainer.explain(contextFor(model, x, prepared[0].predictions, options)); // warm-up, untimed
    x.dispose();
  }
  const sequential = await timeRuns(async () => {
    for (const p of prepared) {
      const x = tf.tensor4d(p.data, [1, H, W, C]);
      try {
        await explainer.explain(contextFor(model, x, p.predictions, options));
      } finally {
        x.dispose();
      }
    }
  }, { runs: name === 'demo' ? 3 : 1, warmup: 0 });
  for (const workers of PARALLEL_WORKERS) {
    log(`  ${images.length} images × ${method}, ${workers} worker thread(s): starting workers`);
    const t0 = performance.now();
    const pool = await createExplainWorkers({
      modelPath: file.path,
      backend: 'wasm',
      workers,
      plugins: ['@visor/plugin-cam', '@visor/plugin-occlusion', '@visor/plugin-guided-bp'].map((spec) => ({ spec, baseDir: repo })),
    });
    const startupMs = performance.now() - t0;
    const task = (p) => ({
      explainer: explainer.id,
      options,
      input: p.data,
      shape: [1, H, W, C],
      targets: p.predictions.probabilities.map((row) => [argmax(row)]),
      predictions: p.predictions,
    });
    try {
      // Warm-up, untimed: one image per worker.
      await Promise.all(prepared.slice(0, workers).map((p) => pool.explain(task(p))));
      const time = await timeRuns(async () => {
        await runInWorkers(prepared, workers, (p) => pool.explain(task(p)));
      }, { runs: name === 'demo' ? 3 : 1, warmup: name === 'demo' ? 1 : 0 });
      const r = {
        name: `${images.length} images × ${method} on ${name}, ${workers} worker(s) vs main thread`,
        kind: 'images',
        model: name,
        workers,
        startupMs,
        singleThread: sequential,
        time,
        speedup: sequential.median / time.median,
        note: 'image-level workers via createExplainWorkers + runInWorkers, driven directly (not through the Pipeline)',
        peakRssMB: peakRssMB(),
      };
      parallelResults.push(r);
      log(`    ${fmtMs(time.median)} vs ${fmtMs(sequential.median)} main thread: speedup ${r.speedup.toFixed(2)}x`);
    } finally {
      await pool.close();
    }
  }
}

// ---------- run ----------
// Each model runs in its own child process: wasm's heap only grows (ResNet-152 at batch 16 after
// ResNet-50 in one heap ends in "memory access out of bounds"), and peak RSS is then per model.
const startedAt = new Date().toISOString();
if (args.child) {
  for (const name of MODELS) {
    await benchModel(name, 'wasm');
    if (name === 'demo') await benchModel(name, 'cpu');
  }
  writeFileSync(args.out, JSON.stringify({ cases, floors, parallel: parallelResults }));
  process.exit(0);
}
log(`machine: ${machine.nproc} cores (${machine.cpu}), node ${machine.node}, tfjs ${machine.tfjs}, load ${machine.loadavgAtStart.join(' ')}`);
log(`models ${MODELS.join(', ')}; methods ${METHODS.join(', ')}; runs ${RUNS} (demo ${SMALL_RUNS}, long ${LONG_RUNS}), warmup ${WARMUP}`);
const failures = [];
const passOn = process.argv.slice(2).filter((a, i, all) => !['--models', '--out'].includes(a) && !['--models', '--out'].includes(all[i - 1]) && !a.startsWith('--models=') && !a.startsWith('--out='));
for (const name of MODELS) {
  const part = join(tmp, `${name}.part.json`);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...passOn, '--child', '--models', name, '--out', part], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status !== 0 || !existsSync(part)) {
    const why = child.signal ? `killed by ${child.signal}` : `exit code ${child.status}`;
    log(`${name}: the child process failed (${why}); its cases are missing from the results`);
    failures.push({ model: name, error: why });
    continue;
  }
  const got = JSON.parse(readFileSync(part, 'utf8'));
  cases.push(...got.cases);
  floors.push(...got.floors);
  parallelResults.push(...got.parallel);
}
machine.loadavgAtEnd = os.loadavg().map((x) => +x.toFixed(2));

const result = {
  startedAt,
  finishedAt: new Date().toISOString(),
  quick: QUICK,
  settings: { runs: RUNS, demoRuns: SMALL_RUNS, longRuns: LONG_RUNS, warmup: WARMUP, images: IMAGES, methods: METHODS, parallelMethod: PARALLEL_METHOD, imageMethod: IMAGE_METHOD },
  machine,
  cases,
  floors,
  parallel: parallelResults,
  failures,
};
const outFile = args.out ?? join(here, 'results', `${startedAt.replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 2));

console.log(`\nVisor bench — ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}, tfjs ${machine.tfjs}; load ${machine.loadavgAtStart.join('/')} → ${machine.loadavgAtEnd.join('/')}\n`);
console.log(
  table(
    ['model', 'backend', 'method', 'median', 'min–max', 'runs', 'cpu/wall', 'floor', '×floor', 'img/s', 'peak RSS', 'leaked'],
    cases.map((c) => [
      c.model,
      c.backend,
      c.method,
      fmtMs(c.time.median),
      `${fmtMs(c.time.min)}–${fmtMs(c.time.max)}`,
      c.time.runs,
      c.cpuOverWall.toFixed(2),
      fmtMs(c.floorMs),
      `${c.overFloor.toFixed(2)}`,
      c.imagesPerSecond >= 10 ? c.imagesPerSecond.toFixed(0) : c.imagesPerSecond.toFixed(3),
      `${c.peakRssMB} MB`,
      c.tensorsLeaked,
    ]),
  ),
);
if (parallelResults.length) {
  console.log('\nParallelism (worker threads; start-up excluded):\n');
  console.log(
    table(
      ['what', 'main thread', 'workers', 'with workers', 'speedup', 'cpu time (main → workers)', 'start-up', 'max |Δ|'],
      parallelResults.map((p) => [
        p.name.replace(/, \d worker.*/, ''),
        fmtMs(p.singleThread.median),
        p.workers,
        fmtMs(p.time.median),
        `${p.speedup.toFixed(2)}x`,
        `${fmtMs(p.singleThread.cpuMedian)} → ${fmtMs(p.time.cpuMedian)}`,
        fmtMs(p.startupMs),
        p.maxAbsDiffVsSingleThread ?? '—',
      ]),
    ),
  );
}
console.log(`\nFloors: CAM = one forward pass (batch 1); occlusion = windows × forward(batch B)/B at its batch size B; Grad-CAM and guided backprop = one tf.grad of the score w.r.t. the input. Peak RSS is the process's lifetime maximum so far. cpu/wall = CPU time of all threads / wall time (below 1 when other processes take the cores).`);
for (const f of failures) console.log(`MISSING: ${f.model} (child process ${f.error})`);
console.log(`Saved ${outFile}`);
