import { selectBackend, tf, wrapGraphModel } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { guidedBackprop } from './guidedBackprop.js';
import { ruleGradient } from './ruleGradient.js';
import { contextFor, HAND_WORKED_X as X, image4x4 } from './tinyCnn.testkit.js';
import { tinyGraph, type GraphRelu } from './tinyGraph.testkit.js';

// Same network, inputs and hand-worked answers as ruleGradient.test.ts (see the tables there),
// now as GraphModel ops: fused _FusedConv2D(BiasAdd, Relu|Relu6), and separate Relu / ClipByValue ops.
const EXPECTED: Record<ReluRule, number[]> = {
  guided: [2, 0, 0, 0, 0, 4, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0],
  backprop: [2, -1, 0, 0, 0, 4, -2, 0, 0, 0, 6, -3, 0, 0, 0, 0],
  deconvnet: [2, 0, 0, 0, 3, 4, 0, 0, 0, 6, 6, 0, 0, 0, 9, 0],
};
const X6 = [
  [7, 2, 0, 0],
  [-1, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 1],
];
const EXPECTED6: Record<ReluRule, number[]> = {
  guided: [0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 8, 0, 0, 0, 0, 12],
  backprop: [0, -1, 0, 0, 0, 4, -2, 0, 0, 0, 8, -3, 0, 0, 0, 12],
  deconvnet: [0, 0, 0, 0, 3, 4, 0, 0, 0, 6, 8, 0, 0, 0, 9, 12],
};

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`GraphModel on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend(backend);
    });

    const cases: [GraphRelu, number[][], number[], Record<ReluRule, number[]>, number][] = [
      ['fused-relu', X, [2, -1, 3, -4], EXPECTED, 0.6],
      ['op-relu', X, [2, -1, 3, -4], EXPECTED, 0.6],
      ['fused-relu6', X6, [2, -1, 3, 4], EXPECTED6, 23.6],
      ['op-clip6', X6, [2, -1, 3, 4], EXPECTED6, 23.6],
    ];
    for (const [relu, image, head, expected, logit0] of cases) {
      for (const rule of ['guided', 'deconvnet', 'backprop'] as ReluRule[]) {
        it(`${rule} through ${relu}`, async () => {
          const gm = await tinyGraph(relu, head);
          const x = image4x4(image);
          const y = gm.predict(x) as tf.Tensor;
          expect(y.dataSync()[0]).toBeCloseTo(logit0, 4);
          const g = ruleGradient((t) => gm.execute(t) as tf.Tensor2D, x, [0], rule);
          const got = Array.from(g.dataSync());
          got.forEach((v, i) => expect(v, `pixel ${i}`).toBeCloseTo(expected[rule][i], 5));
          tf.dispose([x, y, g]);
          gm.dispose();
        });
      }
    }

    it('guided-backprop explains a wrapped GraphModel', async () => {
      const gm = await tinyGraph('fused-relu', [2, -1, 3, -4]);
      const vm = wrapGraphModel(gm);
      const x = image4x4(X);
      const [e] = await guidedBackprop.explain(contextFor(vm, x, [[0]], {}));
      Array.from(e.raw.data).forEach((v, i) => expect(v, `pixel ${i}`).toBeCloseTo(EXPECTED.guided[i], 5));
      x.dispose();
      gm.dispose();
    });
  });
}
