import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../tf.js';
import { mulberry32 } from '@visor/core';
import { resnet50 } from '../zoo/resnet.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeLayersModel } from './disposeLayersModel.js';
import { readKerasFile } from './readKerasFile.js';
import { writeLegacyH5, type LegacyLayer } from './writeLegacyH5.testkit.js';

/**
 * The weights of a real Keras ResNet50: the names and shapes of the weight manifest transcribed in
 * packages/core/src/zoo/fixtures (a TF.js conversion of keras.applications.ResNet50, see its README), in a
 * Keras 2 .h5 written at run time (≈ 100 MB: too big to commit) with this repo's resnet50 architecture as
 * model_config. Every value is seeded by the weight's name, so a weight that lands in another variable,
 * or transposed, is caught.
 */
const MANIFEST = fileURLToPath(new URL('../zoo/fixtures/resnet50-keras-weights-manifest.json', import.meta.url));
/** The source model's own head on top of the Keras backbone (not part of keras.applications.ResNet50). */
const SOURCE_HEAD = ['batch_normalization_6', 'dense_4', 'dense_5'];
const CLASSES = 10;

interface Entry {
  name: string;
  shape: number[];
  dtype: string;
}

/** Deterministic values for a weight, from its name (mulberry32 seeded by an FNV-1a hash). */
function seeded(name: string, size: number): Float32Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  const uniform = mulberry32(h);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const u = uniform() * 2 - 1;
    // Small values, positive variances: the network's output stays finite through 50 layers.
    out[i] = name.endsWith('/moving_variance') ? 1 + 0.5 * u : 0.05 * u;
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

let tmp: string;
let file: string;
let entries: Entry[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  tmp = await mkdtemp(join(tmpdir(), 'visor-keras-resnet50-'));
  file = join(tmp, 'resnet50.h5');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { weights: Entry[] }[];
  entries = manifest.flatMap((g) => g.weights).filter((e) => !SOURCE_HEAD.includes(e.name.split('/')[0]!));
  entries.push({ name: 'predictions/kernel', shape: [2048, CLASSES], dtype: 'float32' }, { name: 'predictions/bias', shape: [CLASSES], dtype: 'float32' });

  // The architecture's config from this repo's builder (weights do not depend on the input size).
  const arch = resnet50({ inputShape: [32, 32, 3], classes: CLASSES });
  const topology = arch.toJSON(null, false) as { config: unknown };
  const layerNames = arch.layers.map((l) => l.name);
  disposeLayersModel(arch);

  const byLayer = new Map<string, Entry[]>();
  for (const e of entries) byLayer.set(e.name.split('/')[0]!, [...(byLayer.get(e.name.split('/')[0]!) ?? []), e]);
  // _legacy_weights order: trainable (gamma, beta, kernel, bias) before non-trainable (moving_*).
  const trainableFirst = (es: Entry[]) => [...es.filter((e) => !e.name.includes('/moving_')), ...es.filter((e) => e.name.includes('/moving_'))];
  const layers: LegacyLayer[] = layerNames.map((name) => ({
    name,
    weights: trainableFirst(byLayer.get(name) ?? []).map((e) => ({ name: `${e.name}:0`, shape: e.shape, data: seeded(e.name, size(e.shape)) })),
  }));
  await writeLegacyH5(file, { modelConfig: { class_name: 'Functional', config: topology.config }, layers });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the weights of a real Keras ResNet50 in a Keras 2 .h5', () => {
  it('every manifest weight lands in the tfjs variable of its name, with its shape and values', async () => {
    const source = await readKerasFile(file);
    // 53 convolutions (kernel + bias), 53 batch norms (4 weights each), the predictions head.
    expect(source.data.weightSpecs!.map((s) => s.name).sort()).toEqual(entries.map((e) => e.name).sort());
    const model = await tf.loadLayersModel({ load: async () => source.data });
    try {
      const shapes = new Map(entries.map((e) => [e.name, e.shape]));
      expect(model.weights).toHaveLength(entries.length);
      const wrong: string[] = [];
      for (const w of model.weights) {
        const shape = shapes.get(w.originalName);
        if (JSON.stringify(shape) !== JSON.stringify(w.shape)) {
          wrong.push(`${w.originalName}: shape ${JSON.stringify(w.shape)} vs ${JSON.stringify(shape)}`);
          continue;
        }
        const got = w.read().dataSync() as Float32Array;
        const want = seeded(w.originalName, got.length);
        if (!got.every((v, i) => v === want[i])) wrong.push(`${w.originalName}: values differ`);
      }
      expect(wrong).toEqual([]);
      // And it runs: [1, 32, 32, 3] → CLASSES softmax probabilities.
      const y = tf.tidy(() => model.predict(tf.ones([1, 32, 32, 3])) as tf.Tensor);
      const p = Array.from(y.dataSync());
      tf.dispose(y);
      expect(p).toHaveLength(CLASSES);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    } finally {
      disposeLayersModel(model);
    }
  });
});
