import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { resnet50 } from './resnet.js';

interface Entry {
  name: string;
  shape: number[];
  dtype: string;
}
const manifest = JSON.parse(readFileSync(new URL('./fixtures/resnet50-keras-weights-manifest.json', import.meta.url), 'utf8')) as {
  paths: string[];
  weights: Entry[];
}[];
const entries = manifest.flatMap((g) => g.weights);
/** The source model's own classifier head on top of the Keras backbone (see fixtures/README.md). */
const SOURCE_HEAD = ['batch_normalization_6', 'dense_4', 'dense_5'];
const layerOf = (name: string) => name.split('/')[0]!;

let model: tf.LayersModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  // Weight shapes do not depend on the input size: a small input keeps the test light.
  model = resnet50({ inputShape: [32, 32, 3] });
});
afterAll(() => model.dispose());

describe('a Keras-named ResNet50 weight manifest lines up with resnet50()', () => {
  it('every backbone entry of the manifest is a weight of resnet50() with the same shape, and vice versa', () => {
    const ours = new Map(model.weights.map((w) => [w.originalName, w.shape]));
    const backbone = entries.filter((e) => !SOURCE_HEAD.includes(layerOf(e.name)));
    // 53 convolutions (kernel + bias) and 53 batch norms (4 weights each).
    expect(backbone).toHaveLength(53 * 2 + 53 * 4);
    expect(backbone.every((e) => e.dtype === 'float32')).toBe(true);
    const mismatches = backbone
      .filter((e) => JSON.stringify(ours.get(e.name)) !== JSON.stringify(e.shape))
      .map((e) => `${e.name} ${JSON.stringify(e.shape)} vs ${JSON.stringify(ours.get(e.name))}`);
    expect(mismatches).toEqual([]);
    const inManifest = new Set(backbone.map((e) => e.name));
    const extra = [...ours.keys()].filter((n) => !inManifest.has(n));
    // Our include_top head is the only difference: Dense(2048 → 1000).
    expect(extra.sort()).toEqual(['predictions/bias', 'predictions/kernel']);
    expect(ours.get('predictions/kernel')).toEqual([2048, 1000]);
  });

  it('the BatchNorm weights come in the Keras/tfjs order gamma, beta, moving_mean, moving_variance', () => {
    const manifestOrder = entries.filter((e) => layerOf(e.name) === 'conv3_block2_2_bn').map((e) => e.name.split('/')[1]);
    const ourOrder = model.getLayer('conv3_block2_2_bn').weights.map((w) => w.originalName.split('/')[1]);
    expect(ourOrder).toEqual(manifestOrder);
    expect(ourOrder).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
  });

  it('weights named as in the manifest load into resnet50() by name (tfjs loadWeights)', () => {
    const backbone = entries.filter((e) => !SOURCE_HEAD.includes(layerOf(e.name)));
    const values: tf.NamedTensorMap = {};
    backbone.forEach((e, i) => {
      values[e.name] = tf.fill(e.shape, i % 7);
    });
    const before = tf.memory().numTensors;
    model.loadWeights(values, false);
    expect(tf.memory().numTensors).toBe(before);
    const idx = backbone.findIndex((e) => e.name === 'conv4_block3_2_conv/kernel');
    const k = model.getLayer('conv4_block3_2_conv').getWeights()[0]!;
    expect(k.shape).toEqual([3, 3, 256, 256]);
    expect(idx).toBeGreaterThan(0);
    expect(new Set(k.dataSync())).toEqual(new Set([idx % 7]));
    tf.dispose(Object.values(values));
  });
});
