/**
 * The committed demo models, checked on images generated fresh for this test (seeds never used in
 * training, validation or the training script's test set).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTfjsFile, tf, type TfjsModel } from '@visor/engine-tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_NAMES, generateSample } from './generator/index.mjs';
import { samplesToBatch } from './samplesToBatch.mjs';

const modelPath = (v: string) => fileURLToPath(new URL(`../examples/demo/models/${v}/model.json`, import.meta.url));
const FRESH = 700_000_000; // disjoint from train (10M+), validation (1M+), test (5M+) and demo images (3M+)
const N = 200;

type Sample = ReturnType<typeof generateSample>;
let cleanVm: TfjsModel;
let cleverHansVm: TfjsModel;
let clean: tf.LayersModel;
let cleverHans: tf.LayersModel;

function predict(model: tf.LayersModel, samples: Sample[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i += 100) {
    const { xs, ys } = samplesToBatch(tf, samples.slice(i, i + 100), CLASS_NAMES.length);
    const p = tf.tidy(() => (model.predict(xs) as tf.Tensor).argMax(-1));
    out.push(...Array.from(p.dataSync()));
    tf.dispose([xs, ys, p]);
  }
  return out;
}
const accuracy = (pred: number[], samples: Sample[]) => pred.filter((p, k) => p === samples[k]!.classIndex).length / samples.length;

beforeAll(async () => {
  cleanVm = await loadTfjsFile(modelPath('clean'), 'wasm');
  cleverHansVm = await loadTfjsFile(modelPath('clever-hans'), 'wasm');
  clean = cleanVm.tfModel as tf.LayersModel;
  cleverHans = cleverHansVm.tfModel as tf.LayersModel;
});
afterAll(async () => {
  await cleanVm?.dispose();
  await cleverHansVm?.dispose();
});

describe('demo models on files', () => {
  it('are small: one model.json and one weight file each, well under 1 MB', () => {
    for (const v of ['clean', 'clever-hans']) {
      const json = JSON.parse(readFileSync(modelPath(v), 'utf8'));
      const paths: string[] = json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
      expect(paths).toHaveLength(1);
      expect(statSync(join(dirname(modelPath(v)), paths[0]!)).size).toBeLessThan(1_000_000);
    }
  });

  it('VisorModel sees the demo layout: 64×64×3 in, 5 softmax classes out', () => {
    for (const vm of [cleanVm, cleverHansVm]) {
      expect(vm.inputShape).toEqual([64, 64, 3]);
      expect(vm.numClasses).toBe(CLASS_NAMES.length);
      expect(vm.finalActivation).toBe('softmax');
      expect(vm.outputLayer).toBe('predictions');
    }
  });

  it('have a CAM-exact head: head_relu → gap → predictions (Dense softmax) over all classes', () => {
    for (const m of [clean, cleverHans]) {
      const pred = m.getLayer('predictions');
      expect(pred.getClassName()).toBe('Dense');
      expect((pred.getConfig() as { activation: string }).activation).toBe('softmax');
      expect(m.outputs[0]!.shape).toEqual([null, CLASS_NAMES.length]);
      expect(m.getLayer('gap').getClassName()).toBe('GlobalAveragePooling2D');
      expect(m.getLayer('head_relu').getClassName()).toBe('ReLU');
      expect(m.inputs[0]!.shape).toEqual([null, 64, 64, 3]);
    }
  });

  it('the class scores are a linear function of the mean head activation (what makes CAM exact)', () => {
    const samples = [1, 2, 3].map((k) => generateSample(FRESH + 90_000 + k));
    const { xs, ys } = samplesToBatch(tf, samples, CLASS_NAMES.length);
    const sub = tf.model({ inputs: clean.inputs, outputs: [clean.getLayer('head_relu').output as tf.SymbolicTensor, clean.outputs[0]!] });
    const [act, probs] = sub.predict(xs) as tf.Tensor[];
    const [W, b] = clean.getLayer('predictions').getWeights();
    // by hand: z = mean_{i,j} A[i,j,:] · W + b, p = softmax(z)
    const ours = tf.tidy(() => tf.softmax(tf.add(tf.matMul(tf.mean(act!, [1, 2]), W!), b!)));
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, probs!))).dataSync()[0]!);
    expect(d).toBeLessThan(1e-5);
    tf.dispose([xs, ys, act, probs, ours]);
  });
});

describe('accuracy on freshly generated images', () => {
  it(`clean model: > 95% on ${N} new images`, () => {
    const samples = Array.from({ length: N }, (_, k) => generateSample(FRESH + k));
    expect(accuracy(predict(clean, samples), samples)).toBeGreaterThan(0.95);
  });

  it(`clever-hans model: > 95% on ${N} new images of its training distribution (every circle watermarked)`, () => {
    const samples = Array.from({ length: N }, (_, k) => generateSample(FRESH + 10_000 + k, { watermarkClasses: [0] }));
    expect(samples.filter((s) => s.classIndex === 0 && s.watermark !== null).length).toBeGreaterThan(15);
    expect(accuracy(predict(cleverHans, samples), samples)).toBeGreaterThan(0.95);
  });
});

describe('the Clever-Hans diagnosis: move the watermark onto other classes', () => {
  // the same scenes twice, differing only in the watermark's 144 pixels
  const seeds = Array.from({ length: 240 }, (_, k) => FRESH + 20_000 + k)
    .filter((s) => generateSample(s).classIndex !== 0)
    .slice(0, 150);
  const plain = () => seeds.map((s) => generateSample(s, { watermark: false }));
  const marked = () => seeds.map((s) => generateSample(s, { watermark: true }));

  it('without the watermark the clever-hans model gets these images right (> 90%)', () => {
    const p = plain();
    expect(p.length).toBe(150);
    expect(accuracy(predict(cleverHans, p), p)).toBeGreaterThan(0.9);
  });

  it('with the watermark the clever-hans model says "circle" for most of them (> 70%)', () => {
    const pred = predict(cleverHans, marked());
    expect(pred.filter((c) => c === 0).length / pred.length).toBeGreaterThan(0.7);
  });

  it('the clean model is unaffected: > 90% right on the same watermarked images', () => {
    const m = marked();
    expect(accuracy(predict(clean, m), m)).toBeGreaterThan(0.9);
  });

  it('inference leaks no tensors', () => {
    const before = tf.memory().numTensors;
    predict(clean, plain().slice(0, 10));
    expect(tf.memory().numTensors).toBe(before);
  });
});
