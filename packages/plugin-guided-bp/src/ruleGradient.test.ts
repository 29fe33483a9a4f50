import { selectBackend, tf } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReluRule } from './ReluRule.js';
import { ruleGradient } from './ruleGradient.js';
import { HAND_WORKED_X as X, image4x4, logitsOf, tinyCnn, type ReluPlacement } from './tinyCnn.testkit.js';


/** Runs ruleGradient on a [1, 4, 4, 1] image and returns the 4×4 gradient as nested arrays. */
function grad4x4(model: tf.LayersModel, x: tf.Tensor4D, cls: number, rule: ReluRule): number[][] {
  const g = ruleGradient(logitsOf(model), x, [cls], rule);
  const out = (g.reshape([4, 4]).arraySync() as number[][]);
  g.dispose();
  return out;
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
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

    describe('ruleGradient on the hand-worked tiny CNN', () => {
      const placements: ReluPlacement[] = ['fused-relu', 'relu-layer', 'activation-relu'];
      for (const placement of placements) {
        for (const rule of ['guided', 'deconvnet', 'backprop'] as ReluRule[]) {
          it(`${rule} with the ReLU as ${placement}`, () => {
            const model = tinyCnn(placement, HEAD0);
            const x = image4x4(X);
            const logits = model.predict(x) as tf.Tensor;
            expect((logits.arraySync() as number[][])[0][0]).toBeCloseTo(0.6, 5); // forward as worked out above
            expectClose(grad4x4(model, x, 0, rule), EXPECTED[rule]);
            tf.dispose([x, logits]);
            model.dispose();
          });
        }
      }

      it('the three rules give three different answers', () => {
        expect(GUIDED).not.toEqual(BACKPROP);
        expect(GUIDED).not.toEqual(DECONVNET);
        expect(BACKPROP).not.toEqual(DECONVNET);
      });

      it('handles a batch: each input gets the gradient of its own class', () => {
        // Input 1 is −x, class 1 (head weights [1, 1, 1, 1], so R = 1 everywhere):
        //   z = [−1+.5, −2+.5, 1+.5, 3+.5] = [−0.5, −1.5, 1.5, 3.5] → guided g = [0, 0, 1, 1]
        //   unit 10 (g = 1): dx10 = 1, dx21 = 2, dx32 = 3;  unit 11 (g = 1): dx11 = 1, dx22 = 2, dx33 = 3.
        const model = tinyCnn('fused-relu', HEAD0);
        const a = image4x4(X);
        const b = tf.neg(a);
        const batch = tf.concat([a, b]) as tf.Tensor4D;
        const g = ruleGradient(logitsOf(model), batch, [0, 1], 'guided');
        const [g0, g1] = (g.reshape([2, 4, 4]).arraySync() as number[][][]);
        expectClose(g0, GUIDED);
        expectClose(g1, [
          [0, 0, 0, 0],
          [1, 1, 0, 0],
          [0, 2, 2, 0],
          [0, 0, 3, 3],
        ]);
        tf.dispose([a, b, batch, g]);
        model.dispose();
      });

      it('rejects a class outside the model', () => {
        const model = tinyCnn('fused-relu', HEAD0);
        const x = image4x4(X);
        expect(() => ruleGradient(logitsOf(model), x, [2], 'guided')).toThrow(/class 2 is outside the model's 2 classes/);
        x.dispose();
        model.dispose();
      });
    });

    describe('ruleGradient with ReLU6', () => {
      // Conv2D({activation: 'relu6'}) and Activation('relu6') → Relu then Minimum(6, ·) (tfjs-layers
      // never fuses relu6); ReLU({maxValue: 6}) → Relu then ClipByValue(0, 6). The Relu6 kernel
      // itself is covered in graphModel.test.ts and reluGradientRewrite.test.ts.
      const placements: ReluPlacement[] = ['fused-relu6', 'activation-relu6', 'relu-max6'];
      for (const placement of placements) {
        for (const rule of ['guided', 'deconvnet', 'backprop'] as ReluRule[]) {
          it(`${rule} with the ReLU6 as ${placement}`, () => {
            const model = tinyCnn(placement, HEAD6);
            const x = image4x4(X6);
            // logit0 = 2·6 − 1·2.5 + 3·0 + 4·3.5 + 0.1 = 23.6
            const logits = model.predict(x) as tf.Tensor;
            expect((logits.arraySync() as number[][])[0][0]).toBeCloseTo(23.6, 4);
            expectClose(grad4x4(model, x, 0, rule), EXPECTED6[rule]);
            tf.dispose([x, logits]);
            model.dispose();
          });
        }
      }
    });
  });
}
