/**
 * The path a PyTorch user takes: `visor explain <input>.npy --model net.onnx --output-activation softmax` (the
 * built CLI, as a subprocess) writes JSON whose maps are PyTorch's (test/fixtures/pytorch, float64 references).
 * The fixture's inputs are already preprocessed (preprocess none, the default); PyTorch classifiers output
 * logits, so `--output-activation softmax` gives the probabilities the references use.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPytorchFixture } from './fixtures/pytorch/references.testkit.js';
import { tempDir } from './helpers.js';
import { DiffLog, expectGradientAgreement, expectSameMap } from './mapAgreement.testkit.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/visor.js');
const log = new DiffLog();

interface MapJson {
  shape: number[];
  data: number[];
}
interface Doc {
  model: { format: string; finalActivation: string };
  backend: string;
  predictions: { rank: number; classIndex: number; logit: number; probability: number }[];
  explanations: { method: string; layer: string | null; target: { classIndex: number; scoreKind: string }; raw: MapJson; heatmap: MapJson }[];
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir('visor-pytorch-cli-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  log.print('visor explain (CLI, ONNX engine) vs PyTorch: worst measured differences');
});

test('visor explain tiny_resnet input_*.npy --model tiny_resnet.onnx --output-activation softmax: cam, grad-cam (probability), occlusion and guided backprop in the JSON equal PyTorch’s', () => {
  const fx = loadPytorchFixture('tiny_resnet');
  const out = join(dir, 'out');
  const args = [
    bin,
    'explain',
    ...fx.inputPaths,
    '--model',
    fx.modelPath,
    '--output-activation',
    'softmax',
    '--method',
    'cam,grad-cam,occlusion,guided-backprop',
    '--top',
    '3',
    '--set',
    'grad-cam.score=probability',
    '--set',
    'grad-cam.relu=false',
    '--set',
    'occlusion.patch=16',
    '--set',
    'occlusion.stride=8',
    '--set',
    'occlusion.fill=0',
    '--renderer',
    'json',
    '-o',
    out,
    '-q',
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);

  fx.inputs.forEach((_, n) => {
    const doc = JSON.parse(readFileSync(join(out, `input_${n}.json`), 'utf8')) as Doc;
    expect(doc.backend).toBe('onnx'); // auto picks ONNX Runtime for an .onnx file
    expect(doc.predictions.slice(0, 3).map((p) => p.classIndex)).toEqual(fx.targets[n]);
    const probabilities = fx.probabilities().data.slice(n * 10, (n + 1) * 10);
    for (const p of doc.predictions) expect(p.probability).toBeCloseTo(probabilities[p.classIndex]!, 5);

    const of = (method: string) => doc.explanations.filter((e) => e.method === method);
    expect(doc.explanations.map((e) => e.method)).toEqual(['cam', 'grad-cam', 'occlusion', 'guided-backprop'].flatMap((m) => [m, m, m]));
    fx.targets[n]!.forEach((cls, rank) => {
      const [camMap, gradCamMap, guided] = [of('cam')[rank], of('grad-cam')[rank], of('guided-backprop')[rank]];
      for (const e of [camMap, gradCamMap, guided]) expect(e!.target.classIndex).toBe(cls);
      expect(camMap!.layer).toBe(fx.layerTensor('cam'));
      expect(camMap!.raw.shape).toEqual([2, 2]);
      expectSameMap(camMap!.raw.data, fx.cam(n, rank).data, 'tiny_resnet · cli · cam', log);
      expect(gradCamMap!.target.scoreKind).toBe('probability');
      expectSameMap(gradCamMap!.raw.data, fx.gradCam('cam', 'probability', false, n, rank).data, 'tiny_resnet · cli · grad-cam probability', log);
      expect(guided!.raw.shape).toEqual([64, 64, 3]);
      expectGradientAgreement(guided!.raw.data, fx.inputGradient('guided', 'logit', n, rank).data, 'tiny_resnet · cli · guided backprop logit', log);
    });
    // the references occlude for the top class
    const occlusion = of('occlusion')[0]!;
    expect(occlusion.target).toMatchObject({ classIndex: fx.targets[n]![0], scoreKind: 'probability' });
    expect(occlusion.raw.shape).toEqual([7, 7]);
    expectSameMap(occlusion.raw.data, fx.occlusion('zero', 'drop', n).data, 'tiny_resnet · cli · occlusion drop', log);
    expectSameMap(occlusion.heatmap.data, fx.occlusionHeatmap('zero', n).data, 'tiny_resnet · cli · occlusion heatmap', log);
  });
});
