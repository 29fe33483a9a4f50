import type { VisorModel } from '@visor/core';
import { selectBackend, wrapGraphModel } from '@visor/engine-tfjs';
import { batch4x4, HAND_WORKED_X as X } from '@visor/engine-tfjs/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { guidedBackprop } from './guidedBackprop.js';
import { contextFor } from './guidedBp.testkit.js';
import { RELU_REWRITES } from './reluRewrites.js';
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

async function graph(relu: GraphRelu, head: number[]): Promise<VisorModel> {
  return wrapGraphModel(await tinyGraph(relu, head), `tiny graph (${relu})`, { owned: true });
}

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
          const model = await graph(relu, head);
          const x = batch4x4(image);
          const [logits] = await model.run(x, ['logits']);
          expect(logits!.data[0]!).toBeCloseTo(logit0, 4);
          const res = await model.gradients(x, { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1, 0)], rewrite: RELU_REWRITES[rule] });
          Array.from(res.gradients[0]!.data).forEach((v, i) => expect(v, `pixel ${i}`).toBeCloseTo(expected[rule][i]!, 5));
          await model.dispose();
        });
      }
    }

    it('guided-backprop explains a wrapped GraphModel', async () => {
      const model = await graph('fused-relu', [2, -1, 3, -4]);
      const [e] = await guidedBackprop.explain(await contextFor(model, batch4x4(X), [[0]], {}));
      Array.from(e!.raw.data).forEach((v, i) => expect(v, `pixel ${i}`).toBeCloseTo(EXPECTED.guided[i]!, 5));
      await model.dispose();
    });
  });
}
