import type { VisorModel } from '@visor/core';
import { randomBatch } from '@visor/core/testing';
import { mobilenetV2, resnet50, selectBackend, tf, wrapLayersModel } from '@visor/engine-tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELU_REWRITES } from './reluRewrites.js';

/** max |a − b| / max |b|. */
function relError(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}

const SIZE = 32;

/** Checks on a zoo model (seeded weights, a small input so it runs in seconds on wasm). */
function zooCheck(name: string, build: () => tf.LayersModel): void {
  it(`${name}: backprop = the plain gradient, guided differs, predictions unchanged, no leak`, async () => {
    const model: VisorModel = wrapLayersModel(build(), name, { owned: true });
    const x = randomBatch([2, SIZE, SIZE, 3], 5);
    const seed = new Float32Array(2 * 10);
    seed[3] = 1; // input 0, class 3
    seed[10 + 7] = 1; // input 1, class 7
    const [before] = await model.run(x, ['logits']);
    const memory = model.memory();
    const grad = async (rewrite?: (typeof RELU_REWRITES)['guided']) =>
      (await model.gradients(x, { score: 'logit', wrt: 'input', seeds: [seed], rewrite })).gradients[0]!.data;
    const plain = await grad();
    const backprop = await grad(RELU_REWRITES.backprop);
    const guided = await grad(RELU_REWRITES.guided);
    expect(model.memory()).toEqual(memory);
    expect(Math.max(...plain.map(Math.abs))).toBeGreaterThan(0);
    expect(relError(backprop, plain)).toBeLessThan(1e-5);
    expect(relError(guided, plain)).toBeGreaterThan(1e-2);
    const [after] = await model.run(x, ['logits']);
    expect(Array.from(after!.data)).toEqual(Array.from(before!.data));
    await model.dispose();
  });
}

describe('zoo models on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });
  // ResNet-50: conv → BatchNorm → Activation('relu') everywhere, split + Add in every block.
  zooCheck('resnet50', () => resnet50({ inputShape: [SIZE, SIZE, 3], classes: 10, seed: 1 }));
  // MobileNetV2: ReLU(maxValue 6) layers, DepthwiseConv2D, linear bottlenecks with Add.
  zooCheck('mobilenetV2', () => mobilenetV2({ inputShape: [SIZE, SIZE, 3], classes: 10, seed: 1 }));
});
