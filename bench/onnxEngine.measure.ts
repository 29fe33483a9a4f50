// Measurements of the ONNX engine on a torchvision model exported by bench/export_torchvision.py
// (nothing is asserted; speed is not a test). Run:
//   /usr/bin/python3 bench/export_torchvision.py resnet50
//   ARCH=resnet50 RUNS=5 [THREADS=2] [SPIN=1] [ONLY=forward,guided,gradcam,seeds,transpose,rss] \
//     npx vitest run --config bench/measure.vitest.config.ts
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { GradientRewrite, NdArray } from '@visor/core';
import { describeOnnxModel, OnnxModel, type OnnxModelOptions } from '@visor/engine-onnx';
import { test } from 'vitest';
import { inferTensorShapes } from '../packages/engine-onnx/src/proto/inferTensorShapes.js';

const arch = process.env.ARCH ?? 'resnet50';
const runs = Number(process.env.RUNS ?? 5);
const threads = process.env.THREADS ? Number(process.env.THREADS) : os.availableParallelism();
const only = (process.env.ONLY ?? 'forward,guided,gradcam,seeds,transpose').split(',');
const guided: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };

/** Median and minimum wall time over n runs after one warm-up (on a shared machine the minimum is the least disturbed run). */
async function median(work: () => Promise<unknown>, n = runs, per = 1): Promise<string> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work();
    times.push((performance.now() - t) / per);
  }
  times.sort((a, b) => a - b);
  return `median ${times[Math.floor(times.length / 2)]!.toFixed(1)} min ${times[0]!.toFixed(1)}`; // n ≥ 1 runs
}

const image = (n: number, h: number, w: number): NdArray => {
  let s = 1;
  const data = new Float32Array(n * h * w * 3).map(() => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
  return { data, shape: [n, h, w, 3] };
};

test(`ONNX engine on ${arch}`, async () => {
  const file = `bench/models/${arch}.onnx`;
  const bytes = readFileSync(file);
  const report: Record<string, unknown> = { arch, threads, spinning: process.env.SPIN === '1', load: os.loadavg()[0]!.toFixed(2) }; // loadavg() is [1, 5, 15] minutes
  let t = performance.now();
  const spec = await describeOnnxModel(bytes, file);
  report.describeMs = Math.round(performance.now() - t);
  t = performance.now();
  await inferTensorShapes(spec.proto, file);
  report.shapeInferenceMs = Math.round(performance.now() - t);
  const options: OnnxModelOptions = {
    source: file,
    threads,
    spinning: process.env.SPIN === '1',
    optimizationLevel: (process.env.OPT as OnnxModelOptions['optimizationLevel']) ?? 'all',
  };
  t = performance.now();
  const model = await OnnxModel.create(spec, options);
  report.createMs = Math.round(performance.now() - t);
  const [h, w] = spec.input.shape as [number, number, number];
  const x1 = image(1, h, w);
  const seed = new Float32Array(model.numClasses);
  seed[1] = 1;
  const feature = spec.layers.filter((l) => l.className === 'Relu').at(-1)?.name as string;
  if (only.includes('forward')) {
    report.forwardBatch1Ms = await median(() => model.run(x1, ['logits']));
    const x16 = image(16, h, w);
    report.forwardBatch16PerImageMs = await median(() => model.run(x16, ['logits']), Math.max(2, Math.floor(runs / 2)), 16);
  }
  if (only.includes('guided')) {
    t = performance.now();
    await model.gradients(x1, { score: 'logit', seeds: [seed], wrt: 'input', rewrite: guided });
    report.guidedFirstCallMs = Math.round(performance.now() - t);
    report.guidedMs = await median(() => model.gradients(x1, { score: 'logit', seeds: [seed], wrt: 'input', rewrite: guided }));
  }
  if (only.includes('gradcam')) {
    report.gradCamMs = await median(() => model.gradients(x1, { score: 'logit', seeds: [seed], wrt: feature }));
  }
  if (only.includes('seeds')) {
    const seeds = [0, 1, 2].map((c) => Float32Array.from({ length: model.numClasses }, (_, i) => (i === c ? 1 : 0)));
    report.guided3SeedsTiledMs = await median(() => model.gradients(x1, { score: 'logit', seeds, wrt: 'input', rewrite: guided }));
    const sequential = await OnnxModel.create(spec, { ...options, seedsInBatch: false });
    report.guided3SeedsSequentialMs = await median(() => sequential.gradients(x1, { score: 'logit', seeds, wrt: 'input', rewrite: guided }));
    await sequential.dispose();
  }
  if (only.includes('transpose')) {
    const x16 = image(16, h, w);
    const layer1 = spec.layers.filter((l) => l.name.includes('layer1') && l.className === 'Relu').at(-1)?.name as string;
    report.layer1OutputTransposeInGraphMs = await median(() => model.run(x16, ['logits', layer1]), 3);
    const host = await OnnxModel.create(spec, { ...options, transposeOn: 'host' });
    report.layer1OutputTransposeOnHostMs = await median(() => host.run(x16, ['logits', layer1]), 3);
    await host.dispose();
  }
  if (only.includes('rss')) {
    // RSS after 20 warm-up calls and after 200 more guided-backprop + Grad-CAM calls.
    const call = async () => {
      await model.gradients(x1, { score: 'logit', seeds: [seed], wrt: 'input', rewrite: guided });
      await model.gradients(x1, { score: 'logit', seeds: [seed], wrt: feature });
    };
    for (let i = 0; i < 20; i++) await call();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 200; i++) await call();
    report.rssGrowthMBOver200 = ((process.memoryUsage().rss - before) / 2 ** 20).toFixed(1);
    report.rssMB = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  }
  await model.dispose();
  console.log(JSON.stringify(report, null, 1));
});
