import { mobilenetV2, resnet50, selectBackend, tf, wrapLayersModel } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleGradient } from './ruleGradient.js';

/** max |a − b| / max |b|. */
function relError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);
}

/** Checks on a zoo model (seeded weights, small input so it runs in seconds on wasm). */
function zooCheck(name: string, build: () => tf.LayersModel): void {
  it(`${name}: backprop = plain tf.grad, guided differs, predictions unchanged, no leak`, () => {
    const model = build();
    const vm = wrapLayersModel(model);
    const x = tf.randomUniform([2, 64, 64, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
    const classes = [3, 7];
    const before = (model.predict(x) as tf.Tensor).dataSync().slice();
    const plain = tf.tidy(() => {
      const mask = tf.oneHot(tf.tensor1d(classes, 'int32'), 10);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(vm.classScores(t as tf.Tensor4D, 'logit'), mask)))(x);
    });
    const tensors = tf.memory().numTensors;
    const backprop = ruleGradient((t) => vm.classScores(t, 'logit'), x, classes, 'backprop');
    const guided = ruleGradient((t) => vm.classScores(t, 'logit'), x, classes, 'guided');
    expect(tf.memory().numTensors).toBe(tensors + 2);
    expect(tf.max(tf.abs(plain)).dataSync()[0]).toBeGreaterThan(0);
    expect(relError(backprop, plain)).toBeLessThan(1e-5);
    expect(relError(guided, plain)).toBeGreaterThan(1e-2);
    expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(before));
    tf.dispose([x, plain, backprop, guided]);
    model.dispose();
  });
}

describe('zoo models on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });
  // ResNet-50: conv → BatchNorm → Activation('relu') everywhere, split + Add in every block.
  zooCheck('resnet50', () => resnet50({ inputShape: [64, 64, 3], classes: 10, seed: 1 }));
  // MobileNetV2: ReLU(maxValue 6) layers, DepthwiseConv2D, linear bottlenecks with Add.
  zooCheck('mobilenetV2', () => mobilenetV2({ inputShape: [64, 64, 3], classes: 10, seed: 1 }));
});
