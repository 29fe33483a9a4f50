import { randomBatch } from '@visor/core/testing';
import type { NdArray, VisorModel } from '@visor/core';
import { selectBackend, tf, wrapLayersModel } from '@visor/engine-tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { RELU_REWRITES } from './reluRewrites.js';
import { residualCnn } from './residualCnn.testkit.js';

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

/** d logit[n, classes[n]] / d x for every input n at once, with `rule`'s rewrite or without any. */
async function gradient(model: VisorModel, x: NdArray, classes: number[], rule?: ReluRule): Promise<Float32Array> {
  const seed = new Float32Array(classes.length * model.numClasses);
  classes.forEach((c, n) => (seed[n * model.numClasses + c] = 1));
  const res = await model.gradients(x, { score: 'logit', wrt: 'input', seeds: [seed], rewrite: rule && RELU_REWRITES[rule] });
  return res.gradients[0]!.data;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}: the backprop rule is the plain gradient (residual model with split + Add, batch of 2)`, () => {
    let model: VisorModel;
    beforeAll(async () => {
      await selectBackend(backend);
      model = wrapLayersModel(residualCnn(), 'residual CNN', { owned: true });
    });
    afterAll(() => model.dispose());

    it('backprop = the engine gradient without rewrite; guided and deconvnet differ from it and from each other', async () => {
      const x = randomBatch([2, 8, 8, 3], 42);
      const classes = [2, 0];
      const [before] = await model.run(x, ['logits']);
      const memory = model.memory();
      const plain = await gradient(model, x, classes);
      const got = {
        backprop: await gradient(model, x, classes, 'backprop'),
        guided: await gradient(model, x, classes, 'guided'),
        deconvnet: await gradient(model, x, classes, 'deconvnet'),
      };
      expect(Math.max(...plain.map(Math.abs))).toBeGreaterThan(0);
      expect(relError(got.backprop, plain)).toBeLessThan(1e-5);
      expect(relError(got.guided, plain)).toBeGreaterThan(1e-2);
      expect(relError(got.deconvnet, plain)).toBeGreaterThan(1e-2);
      expect(relError(got.deconvnet, got.guided)).toBeGreaterThan(1e-2);
      // the forward pass is unchanged: logits after the rewrites are bit-identical; nothing is left behind
      const [after] = await model.run(x, ['logits']);
      expect(Array.from(after!.data)).toEqual(Array.from(before!.data));
      expect(model.memory()).toEqual(memory);
    });

    it('guided gradients are what the rule says at every ReLU: checked through a single ReLU layer', async () => {
      // d/dx Σ w·relu(x) on the active backend, x = [−1, 2, 3], w = [5, −2, 4]: guided [0, 0, 4], backprop [0, −2, 4].
      const m = tf.sequential();
      m.add(tf.layers.reLU({ inputShape: [1, 3, 1] }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 1, useBias: false, kernelInitializer: 'zeros', name: 'w' }));
      const w = tf.tensor2d([[5], [-2], [4]]);
      m.getLayer('w').setWeights([w]);
      w.dispose();
      const vm = wrapLayersModel(m, 'relu', { owned: true });
      const x = { data: Float32Array.of(-1, 2, 3), shape: [1, 1, 3, 1] };
      expect(Array.from(await gradient(vm, x, [0], 'guided'), (v) => v + 0)).toEqual([0, 0, 4]);
      expect(Array.from(await gradient(vm, x, [0], 'backprop'), (v) => v + 0)).toEqual([0, -2, 4]);
      await vm.dispose();
    });
  });
}
