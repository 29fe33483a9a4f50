import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHODS } from './methods.js';
import { PYTHON } from './benchModels.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * PyTorch on the same work: bench/torch_bench.py for one architecture, its JSON from stdout, its progress
 * passed through to stderr. Cases are converted to the shape of the engines' cases (bench/stats.js
 * summaries) and keyed by the bench's method ids.
 */
export function runTorch({ arch, methods, settings, threads, log }) {
  const cases = methods.map((m) => METHODS[m].torch).filter(Boolean);
  if (cases.length === 0) return Promise.resolve(null);
  const argv = [
    join(here, 'torch_bench.py'),
    '--arch',
    arch,
    '--runs',
    String(settings.runs),
    '--warmup',
    String(settings.warmup),
    '--long-runs',
    String(settings.longRuns),
    '--long-warmup',
    String(settings.longWarmup),
    '--threads',
    String(threads),
    '--cases',
    cases.join(','),
  ];
  log(`pytorch: ${PYTHON} ${argv.map((a) => a.replace(here + '/', 'bench/')).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`torch_bench.py ${signal ? `killed by ${signal}` : `exited with ${code}`}`));
      try {
        resolve(fromTorch(JSON.parse(out), arch));
      } catch (e) {
        reject(new Error(`torch_bench.py printed no JSON result (${e.message})`));
      }
    });
  });
}

/** torch_bench.py's result for one arch → { machine, cases: [{ method, time }] } with bench/stats.js field names. */
function fromTorch(result, arch) {
  const byTorchName = new Map(
    Object.entries(METHODS)
      .filter(([, s]) => s.torch)
      .map(([id, s]) => [s.torch, id]),
  );
  const cases = Object.entries(result.models[arch].cases).map(([name, c]) => ({
    method: byTorchName.get(name),
    label: METHODS[byTorchName.get(name)]?.label ?? name,
    what: c.what,
    time: {
      runs: c.runs,
      median: c.median_ms,
      min: c.min_ms,
      max: c.max_ms,
      q1: c.q1_ms,
      q3: c.q3_ms,
      times: c.times_ms,
      cpuMedian: c.cpu_median_ms,
      cpuOverWall: c.cpu_over_wall,
      waitShare: c.wait_share ?? NaN,
      othersShare: c.others_share ?? NaN,
      load: c.load,
    },
  }));
  return { machine: result.machine, peakRssMB: result.peak_rss_mb, seconds: result.seconds, target: result.models[arch].target, cases };
}
