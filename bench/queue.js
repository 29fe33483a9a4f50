#!/usr/bin/env node
// Throughput of the queue (issue 16): the same run on N demo inputs in one process (`visor run`), and through
// Redis with 1 and with 2 workers (`visor run --queue`, workers started beforehand; the time is the enqueuer's,
// from start to summary written, so it includes each worker thread's model load at its first job).
//   node bench/queue.js [--inputs 32] [--workers 1,2] [--occlusion 12x4] [--keep]
// Needs the built CLI (npm run build) and redis-server (Debian: apt-get install redis-server), started here
// on 127.0.0.1 and a free port, without persistence. Images come from the demo generator (seeds 8,000,000 + k).
// Run: cam, occlusion, guided-backprop, top-3, renderers png + json + html, on the clean demo model (wasm).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_IMAGE_SIZE as SIZE, demoModelConfig, writeDemoImages } from './inputs.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const bin = join(repo, 'packages/cli/bin/visor.js');
const { values: args } = parseArgs({
  options: {
    inputs: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1,2' },
    occlusion: { type: 'string', default: '12x4' },
    keep: { type: 'boolean', default: false },
  },
});
const n = Number(args.inputs);
const [patch, stride] = args.occlusion.split('x').map(Number);

const work = mkdtempSync(join(os.tmpdir(), 'visor-queue-bench-'));
const images = join(work, 'images');
writeDemoImages(images, n, 8_000_000);
const config = join(work, 'run.yaml');
writeFileSync(
  config,
  `${demoModelConfig()}
inputs: [${images}/*.png]
targets: { top: 3 }
batchSize: 1
explainers:
  - cam
  - [occlusion, { patch: ${patch}, stride: ${stride} }]
  - guided-backprop
renderers: [png, json, html]
out: ${join(work, 'out')}
`,
);

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  let log = '';
  redis.on('error', (e) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${e.message}`)));
  redis.stdout.on('data', (d) => {
    log += d;
    if (log.includes('Ready to accept connections')) resolve();
  });
});
const url = `redis://127.0.0.1:${port}/0`;

const timed = (argv) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`visor ${argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return (performance.now() - t0) / 1000;
};
const line = (what, s) => console.log(`${what.padEnd(22)} ${s.toFixed(1).padStart(6)} s  (${((s * 1000) / n).toFixed(0)} ms per input)`);

try {
  console.log(
    `${n} demo images (${SIZE}×${SIZE}); cam, occlusion ${patch}/${stride}, guided-backprop, top-3, png + json + html; ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}`,
  );
  line('one process', timed(['run', config, '--out', join(work, 'single'), '--quiet']));
  for (const count of args.workers.split(',').map(Number)) {
    const workers = Array.from({ length: count }, () => spawn(process.execPath, [bin, 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] }));
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            let err = '';
            w.stderr.on('data', (d) => {
              err += d;
              if (err.includes('waiting for jobs')) resolve();
            });
          }),
      ),
    );
    line(`queue, ${count} worker(s)`, timed(['run', config, '--queue', url, '--out', join(work, `queue-${count}`), '--quiet']));
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.on('exit', resolve), w.kill('SIGTERM')))));
  }
  console.log(`load at the end ${os.loadavg()[0].toFixed(2)}`);
} finally {
  redis.kill('SIGTERM');
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
