import { selectBackend, tf, wrapLayersModel } from '@visor/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { residualCnn } from './residualCnn.testkit.js';
import { ruleGradient } from './ruleGradient.js';

/** max |a − b| / max |b|. */
function relError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}: the backprop rule is the plain gradient (residual model with split + Add, batch of 2)`, () => {
    let model: tf.LayersModel;
    beforeAll(async () => {
      await selectBackend(backend);
      model = residualCnn();
    });
    afterAll(() => model.dispose());

    it('backprop = tf.grad of the logit; guided and deconvnet differ from it and from each other', () => {
      const vm = wrapLayersModel(model);
      const x = tf.randomUniform([2, 8, 8, 3], -1, 1, 'float32', 42) as tf.Tensor4D;
      const classes = [2, 0];
      const predsBefore = (model.predict(x) as tf.Tensor).dataSync().slice();
      // the plain gradient, without any rewrite
      const plain = tf.tidy(() =>
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(vm.classScores(t as tf.Tensor4D, 'logit'), tf.oneHot(tf.tensor1d(classes, 'int32'), 3))))(x),
      );
      const got: Record<ReluRule, tf.Tensor4D> = {
        backprop: ruleGradient((t) => vm.classScores(t, 'logit'), x, classes, 'backprop'),
        guided: ruleGradient((t) => vm.classScores(t, 'logit'), x, classes, 'guided'),
        deconvnet: ruleGradient((t) => vm.classScores(t, 'logit'), x, classes, 'deconvnet'),
      };
      expect(tf.max(tf.abs(plain)).dataSync()[0]).toBeGreaterThan(0);
      expect(relError(got.backprop, plain)).toBeLessThan(1e-5);
      expect(relError(got.guided, plain)).toBeGreaterThan(1e-2);
      expect(relError(got.deconvnet, plain)).toBeGreaterThan(1e-2);
      expect(relError(got.deconvnet, got.guided)).toBeGreaterThan(1e-2);
      // the forward pass is unchanged: predictions after the rewrite are bit-identical
      expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(predsBefore));
      tf.dispose([x, plain, got.backprop, got.guided, got.deconvnet]);
    });

    it('guided gradients are what the rule says at every ReLU: checked through a single ReLU layer', () => {
      // d/dx Σ w·relu(x) on the active backend, x = [−1, 2, 3], w = [5, −2, 4]: guided [0, 0, 4].
      const g = ruleGradient(
        (t) => tf.reshape(tf.sum(tf.mul(tf.relu(t), tf.tensor4d([5, -2, 4], [1, 1, 3, 1])), [1, 2, 3]), [1, 1]) as tf.Tensor2D,
        tf.tensor4d([-1, 2, 3], [1, 1, 3, 1]),
        [0],
        'guided',
      );
      expect(Array.from(g.dataSync(), (v) => v + 0)).toEqual([0, 0, 4]);
      g.dispose();
    });
  });
}
