import { pairGradients, targetPairs, type VisorModel } from '@visor/core';
import { selectBackend } from '@visor/engine-tfjs';
import { batch4x4, HAND_WORKED_X as X, type ReluPlacement } from '@visor/engine-tfjs/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { guidedBackprop } from './guidedBackprop.js';
import { contextFor, tinyModel } from './guidedBp.testkit.js';
import { RELU_REWRITES } from './reluRewrites.js';

const RULES: ReluRule[] = ['guided', 'deconvnet', 'backprop'];

/** d logit[0, cls] / d x of a [1, 4, 4, 1] image through the engine, with `rule`'s rewrite (or none), as a 4×4 grid. */
async function grad4x4(model: VisorModel, rows: number[][], cls: number, rule: ReluRule | 'none'): Promise<number[][]> {
  const seed = new Float32Array(model.numClasses);
  seed[cls] = 1;
  const res = await model.gradients(batch4x4(rows), {
    score: 'logit',
    wrt: 'input',
    seeds: [seed],
    rewrite: rule === 'none' ? undefined : RELU_REWRITES[rule],
  });
  expect(res.gradients[0]!.shape).toEqual([1, 4, 4, 1]);
  return [0, 1, 2, 3].map((r) => Array.from(res.gradients[0]!.data.subarray(r * 4, r * 4 + 4)));
}

/** The logits of a [1, 4, 4, 1] image. */
async function logits(model: VisorModel, rows: number[][]): Promise<number[]> {
  const [out] = await model.run(batch4x4(rows), ['logits']);
  return Array.from(out!.data);
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v, `(${i}, ${j})`).toBeCloseTo(expected[i]![j]!, 5)));
}

// ---------------------------------------------------------------------------------------------
// Hand-worked tiny CNN. Conv kernel K = diag(1, 2, 3) (3×3, one channel), bias 0.5, valid → 2×2:
//   z(p,q) = x(p,q) + 2·x(p+1,q+1) + 3·x(p+2,q+2) + 0.5,   flattened as [z00, z01, z10, z11].
// Input x:                z00 = 1 + 0 + 0 + .5 = 1.5   (f > 0)
//   [ 1, 2, 0, 0]         z01 = 2 + 0 + 0 + .5 = 2.5   (f > 0)
//   [-1, 0, 0, 0]         z10 = -1 + 0 + 0 + .5 = -0.5 (f < 0)
//   [ 0, 0, 0, 0]         z11 = 0 + 0 - 3 + .5 = -2.5  (f < 0)
//   [ 0, 0, 0,-1]
// Head, class 0: logit0 = 2·r00 − 1·r01 + 3·r10 − 4·r11 + 0.1 (r = relu(z)) = 3 − 2.5 + 0.1 = 0.6.
// So the gradient arriving at the ReLU is R = [2, −1, 3, −4]:
//   unit   f      R    backprop [f>0]R   deconvnet [R>0]R   guided [f>0][R>0]R
//   00    1.5     2        2                 2                  2
//   01    2.5    −1       −1                 0                  0
//   10   −0.5     3        0                 3                  0
//   11   −2.5    −4        0                 0                  0
// A unit (p,q) with gradient g adds g·K(a,b) to dx(p+a, q+b): g at (p,q), 2g at (p+1,q+1), 3g at (p+2,q+2).
// ---------------------------------------------------------------------------------------------
const HEAD0 = [2, -1, 3, -4];
// guided: only unit 00 (g = 2) → dx00 = 2, dx11 = 4, dx22 = 6.
const GUIDED = [
  [2, 0, 0, 0],
  [0, 4, 0, 0],
  [0, 0, 6, 0],
  [0, 0, 0, 0],
];
// backprop: units 00 (g = 2) and 01 (g = −1) → + dx01 = −1, dx12 = −2, dx23 = −3.
const BACKPROP = [
  [2, -1, 0, 0],
  [0, 4, -2, 0],
  [0, 0, 6, -3],
  [0, 0, 0, 0],
];
// deconvnet: units 00 (g = 2) and 10 (g = 3) → + dx10 = 3, dx21 = 6, dx32 = 9.
const DECONVNET = [
  [2, 0, 0, 0],
  [3, 4, 0, 0],
  [0, 6, 6, 0],
  [0, 0, 9, 0],
];
const EXPECTED: Record<ReluRule, number[][]> = { guided: GUIDED, backprop: BACKPROP, deconvnet: DECONVNET };

// ---------------------------------------------------------------------------------------------
// ReLU6: the same conv, input with x00 = 7 and x33 = +1:
//   z00 = 7 + .5 = 7.5 (saturated, f > 6)   z01 = 2.5   z10 = −0.5   z11 = 0 + 0 + 3 + .5 = 3.5
// Head class 0 = [2, −1, 3, 4] → R = [2, −1, 3, 4]. The ceiling keeps its normal derivative [f ≤ 6]
// under every rule; only the hinge at 0 follows the rule:
//   unit   f     R   backprop [0<f≤6]R   deconvnet [f≤6][R>0]R   guided [0<f≤6][R>0]R
//   00    7.5    2        0                  0                       0
//   01    2.5   −1       −1                  0                       0
//   10   −0.5    3        0                  3                       0
//   11    3.5    4        4                  4                       4
// ---------------------------------------------------------------------------------------------
const X6 = [
  [7, 2, 0, 0],
  [-1, 0, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 1],
];
const HEAD6 = [2, -1, 3, 4];
// unit 11 (g = 4): dx11 = 4, dx22 = 8, dx33 = 12.
const GUIDED6 = [
  [0, 0, 0, 0],
  [0, 4, 0, 0],
  [0, 0, 8, 0],
  [0, 0, 0, 12],
];
// + unit 01 (g = −1): dx01 = −1, dx12 = −2, dx23 = −3.
const BACKPROP6 = [
  [0, -1, 0, 0],
  [0, 4, -2, 0],
  [0, 0, 8, -3],
  [0, 0, 0, 12],
];
// + unit 10 (g = 3): dx10 = 3, dx21 = 6, dx32 = 9.
const DECONVNET6 = [
  [0, 0, 0, 0],
  [3, 4, 0, 0],
  [0, 6, 8, 0],
  [0, 0, 9, 12],
];
const EXPECTED6: Record<ReluRule, number[][]> = { guided: GUIDED6, backprop: BACKPROP6, deconvnet: DECONVNET6 };

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend(backend);
    });

    describe('the rules as GradientRewrites, through model.gradients on the hand-worked tiny CNN', () => {
      const placements: ReluPlacement[] = ['fused-relu', 'relu-layer', 'activation-relu'];
      for (const placement of placements) {
        for (const rule of RULES) {
          it(`${rule} with the ReLU as ${placement}`, async () => {
            const model = tinyModel(placement, HEAD0);
            expect(model.engine).toBe(backend);
            expect((await logits(model, X))[0]).toBeCloseTo(0.6, 5); // forward as worked out above
            expectClose(await grad4x4(model, X, 0, rule), EXPECTED[rule]);
            await model.dispose();
          });
        }
      }

      it('the three rules give three different answers; backprop is also the plain gradient (no rewrite)', async () => {
        expect(GUIDED).not.toEqual(BACKPROP);
        expect(GUIDED).not.toEqual(DECONVNET);
        expect(BACKPROP).not.toEqual(DECONVNET);
        const model = tinyModel('fused-relu', HEAD0);
        expectClose(await grad4x4(model, X, 0, 'none'), BACKPROP);
        await model.dispose();
      });

      it('handles a batch: each input gets the gradient of its own class', async () => {
        // Input 1 is −x, class 1 (head weights [1, 1, 1, 1], so R = 1 everywhere):
        //   z = [−1+.5, −2+.5, 1+.5, 3+.5] = [−0.5, −1.5, 1.5, 3.5] → guided g = [0, 0, 1, 1]
        //   unit 10 (g = 1): dx10 = 1, dx21 = 2, dx32 = 3;  unit 11 (g = 1): dx11 = 1, dx22 = 2, dx33 = 3.
        const model = tinyModel('fused-relu', HEAD0);
        const x = X.flat();
        const batch = { data: Float32Array.from([...x, ...x.map((v) => -v)]), shape: [2, 4, 4, 1] };
        const pairs = targetPairs([[0], [1]], 2, 2, 'test');
        const { gradients } = await pairGradients(model, batch, pairs, { score: 'logit', wrt: 'input', rewrite: RELU_REWRITES.guided });
        const grid = (g: Float32Array) => [0, 1, 2, 3].map((r) => Array.from(g.subarray(r * 4, r * 4 + 4)));
        expectClose(grid(gradients[0]!), GUIDED);
        expectClose(grid(gradients[1]!), [
          [0, 0, 0, 0],
          [1, 1, 0, 0],
          [0, 2, 2, 0],
          [0, 0, 3, 3],
        ]);
        await model.dispose();
      });

      it('rejects a class outside the model', async () => {
        const model = tinyModel('fused-relu', HEAD0);
        await expect(guidedBackprop.explain(await contextFor(model, batch4x4(X), [[2]], {}))).rejects.toThrow(
          /guided-backprop: target class 2 of input 0 is not a class index; accepted: an integer from 0 to 1/,
        );
        await model.dispose();
      });
    });

    describe('the rules with ReLU6', () => {
      // Conv2D({activation: 'relu6'}) and Activation('relu6') → Relu then Minimum(6, ·) (tfjs-layers
      // never fuses relu6); ReLU({maxValue: 6}) → Relu then ClipByValue(0, 6). The Relu6 kernel
      // itself is covered in graphModel.test.ts.
      const placements: ReluPlacement[] = ['fused-relu6', 'activation-relu6', 'relu-max6'];
      for (const placement of placements) {
        for (const rule of RULES) {
          it(`${rule} with the ReLU6 as ${placement}`, async () => {
            const model = tinyModel(placement, HEAD6);
            // logit0 = 2·6 − 1·2.5 + 3·0 + 4·3.5 + 0.1 = 23.6
            expect((await logits(model, X6))[0]).toBeCloseTo(23.6, 4);
            expectClose(await grad4x4(model, X6, 0, rule), EXPECTED6[rule]);
            await model.dispose();
          });
        }
      }
    });
  });
}
