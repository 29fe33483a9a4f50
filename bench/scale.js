#!/usr/bin/env node
// Peak memory against the number of inputs (issue 16): the same run on N demo images for each N, each in
// a fresh process, reporting its peak RSS. The streamed pipeline keeps nothing per input, so the peaks
// should agree within 1.3×.
//   node bench/scale.js [--counts 20,2000] [--keep] [--occlusion 12x4]
// Images come from the demo generator (scripts/generator, seeds 7,000,000 + k) into a temp folder.
// Run: cam, occlusion, guided-backprop, top-3, renderers png + json + html, on the clean demo model (wasm).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_IMAGE_SIZE as SIZE, demoImagePath, demoModelConfig, writeDemoImages } from './inputs.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const { values: args } = parseArgs({
  options: {
    counts: { type: 'string', default: '20,2000' },
    keep: { type: 'boolean', default: false },
    occlusion: { type: 'string', default: '12x4' },
    child: { type: 'string' },
  },
});

if (args.child) {
  // In the measured process: run the CLI in-process, then print the peak RSS of this process.
  const { main } = await import(pathToFileURL(join(repo, 'packages/cli/dist/main.js')).href);
  const t0 = performance.now();
  const code = await main(['run', args.child, '--quiet']);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ code, maxRssMB: process.resourceUsage().maxRSS / 1024, seconds })}\n`);
  process.exit(code);
}

const counts = args.counts.split(',').map(Number);
const [patch, stride] = args.occlusion.split('x').map(Number);
const work = mkdtempSync(join(os.tmpdir(), 'visor-scale-'));
const images = join(work, 'images');
const most = Math.max(...counts);
writeDemoImages(images, most, 7_000_000);
console.log(`${most} demo images (${SIZE}×${SIZE}) in ${images}`);

const results = [];
for (const n of counts) {
  const config = join(work, `run-${n}.yaml`);
  const list = Array.from({ length: n }, (_, k) => demoImagePath(images, k));
  writeFileSync(
    config,
    `${demoModelConfig()}
inputs: ${JSON.stringify(list)}
targets: { top: 3 }
explainers:
  - cam
  - [occlusion, { patch: ${patch}, stride: ${stride} }]
  - guided-backprop
renderers: [png, json, html]
out: ${join(work, `out-${n}`)}
`,
  );
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', config], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.error(r.stderr);
    throw new Error(`the run on ${n} inputs failed (exit ${r.status})`);
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  results.push({ inputs: n, ...m });
  console.log(
    `${String(n).padStart(6)} inputs: peak RSS ${m.maxRssMB.toFixed(0)} MB, ${m.seconds.toFixed(1)} s (${((m.seconds * 1000) / n).toFixed(0)} ms per input)`,
  );
}
const peaks = results.map((r) => r.maxRssMB);
const ratio = Math.max(...peaks) / Math.min(...peaks);
console.log(`peak RSS ratio (largest / smallest run): ${ratio.toFixed(2)}× (goal ≤ 1.3×)`);
if (!args.keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
