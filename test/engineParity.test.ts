/**
 * Issues 13 and 14, "done when": every explainer gives on the ONNX engine the maps it gives on TF.js (cpu
 * backend), through the real explainers and core's `explainContext`, for
 *
 * - the two demo models, loaded from their model.json by core's `loadModel` once per engine (`backend: onnx`,
 *   the TF.js → ONNX converter in memory; `backend: cpu`), on two demo images (preprocess tf: x/127.5 − 1);
 * - the zoo's ResNet-50 and MobileNetV2 with seeded random weights at a reduced input (64×64: tfjs cpu
 *   gradients at 224×224 take minutes), the same in-memory model wrapped for tfjs and converted for ONNX.
 *
 * CAM, Grad-CAM and occlusion maps must be equal to 1e-4 (max relative difference); the gradient methods meet
 * issue 14's agreement bar (mapAgreement.testkit.ts). Targets are TF.js's top classes, given to both engines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng, loadModel, Registry } from '@visor/core';
import type { ExplainContext, Explainer, Explanation, NdArray, VisorModel } from '@visor/core';
import { explainContext } from '@visor/core/testing';
import engineOnnx, { convertTfjsModel, OnnxModel } from '@visor/engine-onnx';
import type { TfjsArtifacts } from '@visor/engine-onnx';
import engineTfjs, { artifactsOf, mobilenetV2, resnet50, tf, wrapLayersModel } from '@visor/engine-tfjs';
import { cam, gradCam, gradCamPlusPlus } from '@visor/plugin-cam';
import { guidedBackprop, guidedGradCam } from '@visor/plugin-guided-bp';
import { occlusionExplainer } from '@visor/plugin-occlusion';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filterGradientsUnused, skipCpuFilterGradients } from './cpuInputGradients.testkit.js';
import { memoizedGradients } from './memoizedGradients.testkit.js';
import { rectifierFlips } from './rectifierFlips.testkit.js';
import { calibrateBatchNorm, seedNormalization } from './zooWeights.testkit.js';
import { DiffLog, expectGradientAgreement, expectSameMap } from './mapAgreement.testkit.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const demo = join(root, 'examples/demo');
const log = new DiffLog();

/** A demo image as the demo models take it: 64×64 RGB, preprocess tf (x / 127.5 − 1). */
function demoImage(name: string): NdArray {
  const path = join(demo, 'images', name);
  const decoded = decodePng(new Uint8Array(readFileSync(path)), path);
  return { data: decoded.data.map((v) => v / 127.5 - 1), shape: [decoded.height, decoded.width, decoded.channels] };
}

function batchOf(images: NdArray[]): NdArray {
  const size = images[0]!.data.length;
  const data = new Float32Array(images.length * size);
  images.forEach((x, i) => data.set(x.data, i * size));
  return { data, shape: [images.length, ...images[0]!.shape] };
}

/** How the two engines' maps of one method must agree: equal (issue 13) and/or issue 14's gradient bar. */
type Bar = 'same' | 'gradient' | 'both';

interface Case {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
  explainer: Explainer<any>;
  options: Record<string, unknown>;
  bar: Bar;
}

function cases(occlusion: Record<string, unknown>, midLayer: string): Case[] {
  return [
    { name: 'cam', explainer: cam, options: {}, bar: 'same' },
    { name: 'grad-cam (logit, ReLU)', explainer: gradCam, options: {}, bar: 'both' },
    { name: 'grad-cam (probability, no ReLU)', explainer: gradCam, options: { score: 'probability', relu: false }, bar: 'both' },
    { name: `grad-cam at ${midLayer} (no ReLU)`, explainer: gradCam, options: { layer: midLayer, relu: false }, bar: 'gradient' },
    { name: 'grad-cam++', explainer: gradCamPlusPlus, options: {}, bar: 'gradient' },
    { name: `occlusion (${JSON.stringify(occlusion)})`, explainer: occlusionExplainer, options: occlusion, bar: 'same' },
    { name: 'guided-backprop (guided)', explainer: guidedBackprop, options: { rule: 'guided' }, bar: 'gradient' },
    { name: 'guided-backprop (deconvnet)', explainer: guidedBackprop, options: { rule: 'deconvnet' }, bar: 'gradient' },
    { name: 'guided-backprop (backprop, probability)', explainer: guidedBackprop, options: { rule: 'backprop', score: 'probability' }, bar: 'gradient' },
    { name: 'guided-grad-cam', explainer: guidedGradCam, options: {}, bar: 'gradient' },
  ];
}

/** The maps of an explanation that are compared: raw, heatmap and every extra but the occluded copies. */
function mapsOf(e: Explanation): [string, Float32Array, number[]][] {
  const extras = Object.entries(e.extras ?? {}).filter(([k]) => k !== 'patchPreview');
  return [
    ['raw', e.raw.data, e.raw.shape],
    ['heatmap', e.heatmap.data, e.heatmap.shape],
    ...extras.map(([k, m]) => [k, m.data, m.shape] as [string, Float32Array, number[]]),
  ];
}

/**
 * A probability-score gradient's seed is ∂p_c/∂z = p_c(δ_c − p), from each engine's own probabilities, and near
 * p_c = 1 only float32's spacing there (6e-8) resolves 1 − p_c: on the clever-hans model's watermarked circle
 * (p = 0.9999965) the engines' ∂p/∂input differ by 2.2 % of its maximum while their logit gradients agree to
 * 1.7e-7. Probability cases leave out targets with p ≥ 0.99 (1 − p known to worse than 6e-6 of itself).
 */
const SATURATED = 0.99;

/** One model on both engines, its input, and one ExplainContext per engine (ONE forward pass each). */
interface Pair {
  onnx: VisorModel;
  tfjs: VisorModel;
  input: NdArray;
  onnxCtx: ExplainContext;
  tfjsCtx: ExplainContext;
}

/** Loads the contexts: targets = tfjs's top-k, given to ONNX too; the tfjs side answers repeated gradient requests once. */
async function contexts(pair: Omit<Pair, 'onnxCtx' | 'tfjsCtx'>, topK: number): Promise<Pair> {
  const tfjs = memoizedGradients(pair.tfjs);
  const tfjsCtx = await explainContext(tfjs, pair.input, { topK });
  const onnxCtx = await explainContext(pair.onnx, pair.input, { targets: tfjsCtx.targets });
  return { ...pair, tfjs, onnxCtx, tfjsCtx };
}

/** Runs one case on both engines and compares every map of every (input, target) explanation. */
async function compare(model: string, pair: Pair, c: Case): Promise<void> {
  const probability = c.options.score === 'probability';
  const targets = pair.tfjsCtx.targets.map((t, n) => t.filter((cls) => !probability || pair.tfjsCtx.predictions.probabilities[n]![cls]! < SATURATED));
  const onnxOut = await c.explainer.explain({ ...pair.onnxCtx, targets, options: c.options });
  const tfjsOut = await c.explainer.explain({ ...pair.tfjsCtx, targets, options: c.options });
  expect(onnxOut.length).toBe(targets.flat().length);
  expect(onnxOut.length).toBeGreaterThan(0);
  expect(onnxOut.map((e) => [e.inputIndex, e.target.classIndex, e.layer])).toEqual(tfjsOut.map((e) => [e.inputIndex, e.target.classIndex, e.layer]));
  if (c.explainer === occlusionExplainer) {
    // the comparison compares something: hiding a window moves the score by ≥ 1 % somewhere
    for (const e of tfjsOut) expect(Math.max(...e.raw.data.map(Math.abs)) / e.target.score).toBeGreaterThan(0.01);
  }
  onnxOut.forEach((e, i) => {
    const mine = mapsOf(e);
    const theirs = mapsOf(tfjsOut[i]!);
    expect(mine.map(([k, , s]) => [k, s])).toEqual(theirs.map(([k, , s]) => [k, s]));
    mine.forEach(([k, data], j) => {
      const what = `${model} · ${c.name} · ${k}`;
      if (c.bar !== 'gradient') expectSameMap(data, theirs[j]![1], what, log);
      if (c.bar !== 'same') expectGradientAgreement(data, theirs[j]![1], what, c.bar === 'gradient' ? log : undefined);
    });
  });
}

const registry = new Registry([engineOnnx, engineTfjs]);
let restoreKernels: (() => void) | undefined;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  restoreKernels = skipCpuFilterGradients();
});
afterAll(() => {
  restoreKernels?.();
  log.print('ONNX vs tfjs cpu: worst measured differences');
});

test('the cpu filter-gradient shortcut leaves input gradients unchanged, bit for bit', () => {
  restoreKernels?.();
  try {
    const { real, skipped } = filterGradientsUnused();
    expect(real.some((v) => v !== 0)).toBe(true);
    expect(Array.from(skipped)).toEqual(Array.from(real));
  } finally {
    restoreKernels = skipCpuFilterGradients();
  }
});

/** Both engines' logits and probabilities of the shared forward passes (the contexts') are the same (1e-4). */
function samePredictions(model: string, pair: Pair): void {
  const flat = (rows: Float32Array[]) => Float32Array.from(rows.flatMap((r) => Array.from(r)));
  for (const kind of ['logits', 'probabilities'] as const) {
    expectSameMap(flat(pair.onnxCtx.predictions[kind]), flat(pair.tfjsCtx.predictions[kind]), `${model} · ${kind}`, log);
  }
}

for (const variant of ['clean', 'clever-hans']) {
  describe(`demo model ${variant}: loaded by loadModel on onnx and on tfjs cpu, two demo images, top-2 classes`, () => {
    let pair: Pair;
    beforeAll(async () => {
      const file = join(demo, 'models', variant, 'model.json');
      const onnx = (await loadModel(file, registry, { backend: 'onnx' })).model;
      const tfjs = (await loadModel(file, registry, { backend: 'cpu' })).model;
      pair = await contexts({ onnx, tfjs, input: batchOf([demoImage('01-circle-watermark.png'), demoImage('04-cross.png')]) }, 2);
    });
    afterAll(async () => {
      await pair?.onnx.dispose();
      await pair?.tfjs.dispose();
    });

    test('engines onnx and cpu; the same logits and probabilities', () => {
      expect([pair.onnx.engine, pair.tfjs.engine]).toEqual(['onnx', 'cpu']);
      samePredictions(variant, pair);
    });

    for (const c of cases({ patch: 16, stride: 8 }, 'block1_relu')) {
      test(c.name, () => compare(variant, pair, c));
    }
  });
}

const ZOO_SEED = 5;

/**
 * ResNet-50 is the zoo's seeded model as it is (BatchNorm an identity: its conversion with drawn statistics is
 * engine-onnx's convertZoo test). MobileNetV2's activations vanish that way (mean |out_relu| 1.5e-12, every
 * probability 0.1: nothing to compare), so γ, β and biases are seeded and its BatchNorm statistics calibrated on
 * a batch holding the explained image (zooWeights.testkit.ts).
 *
 * Measured and left out: (1) ResNet-50 with drawn statistics (γ, variance in [0.5, 1.5), β, mean, biases in
 * ±0.2) depends on its input so little that its occlusion drops (≤ 1e-3 of p) differ by 5.5e-4 of their size
 * between the engines; (2) calibrated like MobileNetV2, its head sums 2048 features of mean 4.6 into logits of
 * ±4 whose float32 noise between the engines is 1e-4 of their range, and its CAM differs by 1.006e-4, at issue 13's
 * bar; (3) with seed 3 (calibrated on two other images), both models had one ReLU input or ReLU6 cap across a kink
 * on the two engines for three of six demo images (see the precondition below).
 */
function zooModel(make: typeof resnet50, calibrate: boolean): tf.LayersModel {
  const keras = make({ seed: ZOO_SEED, inputShape: [64, 64, 3], classes: 10 });
  if (calibrate) {
    seedNormalization(keras, ZOO_SEED + 1, false);
    calibrateBatchNorm(keras, batchOf([demoImage('01-circle-watermark.png'), demoImage('02-square.png'), demoImage('03-triangle.png')]));
  }
  return keras;
}

for (const [name, make, calibrate, midLayer, occlusion] of [
  ['MobileNetV2', mobilenetV2, true, 'block_13_expand_relu', { patch: 32, stride: 16 }],
  ['ResNet-50', resnet50, false, 'conv4_block6_out', { patch: 32, stride: 32 }],
] as const) {
  const weights = `seed ${ZOO_SEED}${calibrate ? ', γ, β and biases seeded, BatchNorm statistics calibrated on three demo images' : ''}`;
  describe(`zoo ${name}, random weights (${weights}), reduced input 64×64×3, 10 classes: the same in-memory model on tfjs cpu and converted to ONNX`, () => {
    let pair: Pair;
    let keras: tf.LayersModel | undefined;
    beforeAll(async () => {
      keras = zooModel(make, calibrate);
      const source = `${name} (${weights}; 64×64)`;
      // two threads whatever the machine: the precondition below depends on ONNX Runtime's float32 sums
      const onnx = await OnnxModel.create(convertTfjsModel((await artifactsOf(keras)) as TfjsArtifacts, source), { source, threads: 2 });
      pair = await contexts({ onnx, tfjs: wrapLayersModel(keras, source), input: batchOf([demoImage('01-circle-watermark.png')]) }, 1);
    });
    afterAll(async () => {
      await pair?.onnx.dispose();
      keras?.dispose();
    });

    test('the same logits and probabilities', () => samePredictions(name, pair));

    test('precondition of the gradient bar: no ReLU / ReLU6 input lies on different sides of a kink on the two engines', async () => {
      // With one such unit every gradient through it differs (measured, seed 3 on 05-star.png: one ReLU6 input
      // at 6.0000081 on tfjs, 5.9999924 on ONNX, in MobileNetV2's block_14 (2×2): guided backprop then agrees on
      // 69 % of the pixels only, correlation 0.99999995). A failure here is float32 luck, not a bug: change the seed.
      expect(await rectifierFlips(keras!, pair.onnx, pair.tfjs, pair.input)).toEqual([]);
    });

    for (const c of cases(occlusion, midLayer)) {
      test(c.name, () => compare(`${name} 64×64`, pair, c));
    }
  });
}
