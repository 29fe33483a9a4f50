#!/usr/bin/env node
// Visor benchmarks: `npm run bench` (builds, then runs this). Plain ESM over the BUILT packages.
// One run measures, per model, the ONNX engine (torchvision export; TF.js model converted in memory), tfjs wasm
// and PyTorch CPU on the same work, and prints ratios measured in this run. `node bench/run.js --help` lists the
// options; docs/benchmarks.md says what is measured and how to read it. Speed is never a test assertion.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchArgs, USAGE } from './args.js';
import { ENGINES, ensureOnnxExport, MODELS, PYTHON, torchAvailable } from './benchModels.js';
import { compare } from './compare.js';
import { METHODS } from './methods.js';
import { formatReport } from './report.js';
import { schedstatAvailable } from './sched.js';
import { runTorch } from './torchRunner.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const opts = parseBenchArgs(process.argv.slice(2));
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (opts.compare) {
  compare(opts.compare[0], opts.compare[1]);
  process.exit(0);
}
if (opts.report) {
  console.log(formatReport(JSON.parse(readFileSync(opts.report, 'utf8'))));
  process.exit(0);
}

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const startedAt = new Date().toISOString();
const torch = torchAvailable();
const result = {
  startedAt,
  finishedAt: null,
  quick: opts.quick,
  settings: { ...opts, help: undefined, compare: undefined, report: undefined },
  machine: machineInfo(),
  runs: [],
  skipped: [],
  failures: [],
};
log(
  `${result.machine.nproc} cores (${result.machine.cpu}), load ${result.machine.loadavgAtStart.join(' ')}; models ${opts.models.join(', ')}; methods ${opts.methods.join(', ')}`,
);
if (!result.machine.schedstat) log('no per-thread schedstat here: starvation is judged from cpu/wall instead of run-queue waits');

const tmp = mkdtempSync(join(os.tmpdir(), 'visor-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

for (const name of opts.models) {
  const model = MODELS[name];
  // --quick: the ResNets on ONNX (the torchvision export; the TF.js conversion where there is no PyTorch to export it) and PyTorch only.
  const noExport = name !== 'demo' && !existsSync(model.onnx()) && !torch.ok;
  const engines = model.engines.filter((e) =>
    opts.engines ? opts.engines.includes(e) : !(opts.quick && name !== 'demo' && (e === 'wasm' || (e === 'onnx-tfjs' && !noExport))),
  );
  for (const engine of engines) {
    if (engine === 'pytorch') {
      await measureTorch(name);
      continue;
    }
    let file;
    if (engine === 'onnx') {
      const got = ensureOnnxExport(name, log);
      if (got.skip) {
        result.skipped.push({ model: name, engine, why: got.skip });
        continue;
      }
      file = got.path;
    }
    measureEngine(name, engine, file);
  }
}

if (opts.web) {
  log('web: the app in Chromium vs Node (bench/web.js)');
  try {
    const { benchWeb } = await import('./web.js');
    result.web = await benchWeb({ models: opts.models.filter((m) => m === 'demo' || m === 'resnet50'), runs: opts.quick ? 2 : 3 });
  } catch (e) {
    result.web = { error: String(e.message ?? e).split('\n')[0] };
  }
}
if (opts.scale) {
  const scaleFile = join(here, 'scale.js');
  if (!existsSync(scaleFile)) result.scale = { text: 'scale: bench/scale.js is not there yet (see bench/README.md for the hook)' };
  else {
    log('scale: bench/scale.js');
    try {
      const mod = await import(pathToFileURL(scaleFile).href);
      const r = await mod.benchScale({ quick: opts.quick, runs: opts.runs, threads: opts.threads, maxBusy: opts.maxBusy, log });
      result.scale = { result: r, text: mod.formatScale ? mod.formatScale(r) : undefined };
    } catch (e) {
      result.scale = { text: `scale: failed — ${String(e.message ?? e).split('\n')[0]}` };
    }
  }
}

result.finishedAt = new Date().toISOString();
result.machine.loadavgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
const outFile = opts.out ?? join(here, 'results', `${startedAt.replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 1));
console.log(`\n${formatReport(result)}\n\nSaved ${outFile}`);
process.exitCode = result.failures.length ? 1 : 0;

// ---------- the parts ----------

/** Settings of one model on one engine: wasm on the ResNets takes seconds per pass, so fewer runs there. */
function settingsFor(name, engine) {
  const slow = engine === 'wasm' && name !== 'demo';
  const small = name === 'demo';
  return {
    runs: slow ? Math.min(opts.runs, 3) : small ? Math.max(opts.runs, 10) : opts.runs,
    warmup: opts.warmup,
    longRuns: slow ? 1 : small ? Math.max(opts.longRuns, 5) : opts.longRuns,
    longWarmup: slow ? 0 : opts.warmup,
    rssRuns: opts.rssRuns,
    // ONNX Runtime takes batch 16 of any of these models; tfjs-wasm's heap does not (ResNet-152): it uses the plugins' memory budget.
    forwardBatch: engine === 'wasm' ? null : 16,
    // Floors are measured again before each case, except where a forward pass takes seconds.
    cacheFloors: slow,
  };
}

function methodsFor(name, engine) {
  return opts.methods.filter((m) => {
    // A guided-backprop call on tfjs-wasm takes ≈ 5 s (ResNet-50) to 18 s (ResNet-152): the RSS check runs there only when asked for.
    if (m === 'rss' && engine === 'wasm' && name !== 'demo' && !opts.methodsGiven) {
      const minutes = Math.round((opts.rssRuns * (name === 'resnet50' ? 6 : 20)) / 60);
      result.skipped.push({
        model: name,
        engine,
        why: `rss: ${opts.rssRuns} guided backprop + Grad-CAM calls would take ≈ ${minutes} min (ask for it: --engines wasm --methods rss)`,
      });
      return false;
    }
    return true;
  });
}

function measureEngine(name, engine, file) {
  const methods = methodsFor(name, engine);
  if (methods.length === 0) return;
  const jobFile = join(tmp, `${name}-${engine}.job.json`);
  const out = join(tmp, `${name}-${engine}.json`);
  writeFileSync(jobFile, JSON.stringify({ model: name, engine, file, methods, settings: settingsFor(name, engine), threads: opts.threads, out }));
  log(`${name} on ${ENGINES[engine].label}: ${methods.join(', ')}`);
  const child = spawnSync(process.execPath, ['--expose-gc', join(here, 'engineChild.js'), jobFile], { stdio: ['ignore', 'inherit', 'inherit'], cwd: repo });
  if (child.status !== 0 || !existsSync(out)) {
    const why = child.signal ? `killed by ${child.signal}` : `exit code ${child.status}`;
    log(`${name} on ${engine}: the child process failed (${why}); its cases are missing`);
    result.failures.push({ model: name, engine, error: `child process ${why}` });
    return;
  }
  const got = JSON.parse(readFileSync(out, 'utf8'));
  result.runs.push(got);
  for (const f of got.failures) result.failures.push({ model: name, engine, ...f });
}

async function measureTorch(name) {
  if (!torch.ok) {
    result.skipped.push({ model: name, engine: 'pytorch', why: torch.why });
    return;
  }
  const methods = opts.methods.filter((m) => METHODS[m].torch);
  try {
    const s = settingsFor(name, 'pytorch');
    const got = await runTorch({ arch: MODELS[name].torchArch, methods, settings: s, threads: opts.threads, log });
    if (!got) return;
    result.machine.torch = got.machine.torch;
    result.runs.push({
      model: name,
      engine: 'pytorch',
      label: ENGINES.pytorch.label,
      threads: got.machine.threads,
      peakRssMB: got.peakRssMB,
      seconds: got.seconds,
      cases: got.cases,
    });
  } catch (e) {
    log(`${name} on PyTorch failed: ${e.message}`);
    result.failures.push({ model: name, engine: 'pytorch', error: e.message });
  }
}

function machineInfo() {
  const require = createRequire(import.meta.url);
  const version = (pkg) => {
    try {
      return require(`${pkg}/package.json`).version;
    } catch {
      return undefined;
    }
  };
  let cpu = os.cpus()[0]?.model;
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return {
    nproc: os.availableParallelism(),
    cpu,
    totalMemGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    onnxruntime: version('onnxruntime-node'),
    tfjs: version('@tensorflow/tfjs-core'),
    python: existsSync(PYTHON) ? PYTHON : undefined,
    schedstat: schedstatAvailable,
    loadavgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}
