import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBatch } from '@visor/core/testing';
import { selectBackend, tf, type TfjsModel } from '@visor/engine-tfjs';
import { cam } from './cam.js';
import { camDefaults, gradCamDefaults, type CamOptions } from './camOptions.js';
import { gradCam } from './gradCam.js';
import { gradCamPlusPlus } from './gradCamPlusPlus.js';
import { avgPoolFlattenModel, explainContext, flattenModel, gapModel, rampInput, residualModel, withOverrides } from './testing/tinyModels.js';

const opts = (o: Partial<CamOptions> = {}): CamOptions => ({ ...gradCamDefaults, ...o });
const flat = { upsample: 'none', normalize: 'none' } as const;
/** Fixture models of this file, disposed at the end. */
const models: TfjsModel[] = [];
const keep = (m: TfjsModel): TfjsModel => (models.push(m), m);
afterAll(async () => {
  await Promise.all(models.map((m) => m.dispose()));
});

const close = (actual: Float32Array, expected: number[], digits = 4) => {
  expect(actual.length).toBe(expected.length);
  // Relative to the map's scale: float32 keeps ~7 significant digits.
  const tol = 10 ** -digits * Math.max(1, ...expected.map(Math.abs));
  Array.from(actual).forEach((v, i) => expect(Math.abs(v - expected[i]!), `index ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
};

// Feature maps of the ramp input at layer "conv" (tinyModels.ts): f0 = [[0, 4], [31, 40]], f1 = [[3, 2], [0, 0]].
const f0 = [0, 4, 31, 40];
const f1 = [3, 2, 0, 0];

// Every test of this file runs on cpu and on wasm (whose conv gradients come from engine-tfjs's registerWasmKernels).
for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend(backend);
      expect(tf.getBackend()).toBe(backend);
    });

    describe('grad-cam on conv → Flatten → Dense (hand-computed)', () => {
      // The head is linear, so ∂y_c/∂A(i, j, k) is the kernel entry at flat index (2i + j)·2 + k.
      // Class 0: channel 0 gradients 1, 2, 3, 2 → α_0 = 2; channel 1 gradients 4, 0, 0, 0 → α_1 = 1.
      //   map = 2·f0 + f1 = [[3, 10], [62, 80]]
      // Class 1: channel 0 all −1 → α_0 = −1; channel 1 all 2 → α_1 = 2.
      //   map = −f0 + 2·f1 = [[6, 0], [−31, −40]] → ReLU → [[6, 0], [0, 0]]
      it('weights each channel by its mean gradient and applies ReLU', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const out = await gradCam.explain(await explainContext(model, x, [[0, 1]], opts(flat)));
        expect(out.map((e) => e.target.classIndex)).toEqual([0, 1]);
        expect(out[0]!.layer).toBe('conv');
        close(out[0]!.raw.data, [3, 10, 62, 80]);
        close(out[1]!.raw.data, [6, 0, 0, 0]);
        // Logits: class 0 = 0·1 + 3·4 + 4·2 + 2·0 + 31·3 + 0·0 + 40·2 + 0·0 = 193; class 1 = −Σf0 + 2·Σf1 = −75 + 10 = −65.
        expect(out[0]!.target.score).toBeCloseTo(193, 3);
        expect(out[1]!.target.score).toBeCloseTo(-65, 3);
        expect(out[0]!.raw.signed).toBe(false);
      });

      it('relu: false keeps negative evidence', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const [e] = await gradCam.explain(await explainContext(model, x, [[1]], opts({ ...flat, relu: false })));
        close(e!.raw.data, [6, 0, -31, -40]);
        expect(e!.raw.signed).toBe(true);
      });

      it('upsample: nearest repeats each cell over 2×2 pixels; none keeps the 2×2 grid', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const [near] = await gradCam.explain(await explainContext(model, x, [[0]], opts({ upsample: 'nearest', normalize: 'none' })));
        const [none] = await gradCam.explain(await explainContext(model, x, [[0]], opts({ upsample: 'none', normalize: 'minmax' })));
        close(near!.heatmap.data, [3, 3, 10, 10, 3, 3, 10, 10, 62, 62, 80, 80, 62, 62, 80, 80]);
        expect(near!.heatmap.shape).toEqual([4, 4]);
        expect(near!.heatmap.meaning).toMatch(/nearest-neighbour resized from 2×2 to the 4×4 input, not rescaled$/);
        expect(none!.heatmap.meaning).toMatch(
          /kept at the 2×2 feature-map size, then min-max scaled to \[0, 1\] \(0 = the map's minimum 3, 1 = its maximum 80\)$/,
        );
        expect(none!.heatmap.shape).toEqual([2, 2]);
        // minmax of [3, 10, 62, 80]: (v − 3) / 77.
        close(none!.heatmap.data, [0, 7 / 77, 59 / 77, 1], 6);
      });

      it('upsample: bilinear (default) interpolates with half-pixel centres', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const [e] = await gradCam.explain(await explainContext(model, x, [[0]], opts({ normalize: 'none' })));
        // [[3, 10], [62, 80]]: top row [3, 4.75, 8.25, 10], bottom row [62, 66.5, 75.5, 80], middle rows ¾/¼ blends.
        const r0 = [3, 4.75, 8.25, 10];
        const r3 = [62, 66.5, 75.5, 80];
        const mid = (a: number) => r0.map((v, i) => a * v + (1 - a) * r3[i]!);
        close(e!.heatmap.data, [...r0, ...mid(0.75), ...mid(0.25), ...r3]);
        close(e!.extras!.upsampledRaw!.data, [...r0, ...mid(0.75), ...mid(0.25), ...r3]);
      });

      it('layer: a named 4-D layer works; an unknown name lists close names; a 2-D layer is refused', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const [e] = await gradCam.explain(await explainContext(model, x, [[0]], opts({ ...flat, layer: 'conv' })));
        close(e!.raw.data, [3, 10, 62, 80]);
        await expect(gradCam.explain(await explainContext(model, x, [[0]], opts({ layer: 'cnv' })))).rejects.toThrow(/closest: conv/);
        await expect(gradCam.explain(await explainContext(model, x, [[0]], opts({ layer: 'predictions' })))).rejects.toThrow(
          /layer = 'predictions'.*output shape \[null, 2\], not a 4-D feature map.*e\.g\. conv/,
        );
      });
    });

    describe('grad-cam++ (closed form of Chattopadhay et al., as pytorch-grad-cam)', () => {
      // α = g² / (2g² + S_k·g³) with S_k = Σ_ab A_k(a, b) (S_0 = 75, S_1 = 5), i.e. α = 1 / (2 + S_k·g) for g ≠ 0, else 0;
      // w_k = Σ_xy α·ReLU(g).
      it('on the Flatten head: class 0 and class 1 by hand', async () => {
        const model = keep(flattenModel());
        const x = rampInput();
        const out = await gradCamPlusPlus.explain(await explainContext(model, x, [[0, 1]], opts(flat)));
        // Class 0, channel 0: g = 1, 2, 3, 2 → w_0 = 1/(2+75) + 2/(2+150) + 3/(2+225) + 2/(2+150).
        //          channel 1: g = 4, 0, 0, 0 → w_1 = 4/(2+20).
        const w0 = 1 / 77 + 2 / 152 + 3 / 227 + 2 / 152;
        const w1 = 4 / 22;
        close(
          out[0]!.raw.data,
          f0.map((v, i) => w0 * v + w1 * f1[i]!),
          5,
        );
        // Class 1: channel 0 g = −1 (ReLU(g) = 0 → w_0 = 0); channel 1 g = 2 → α = 1/(2 + 10) → w_1 = 4·2/12 = 2/3.
        close(
          out[1]!.raw.data,
          f1.map((v) => (2 / 3) * v),
          5,
        );
        expect(out[0]!.method).toBe('grad-cam++');
        expect(out[0]!.raw.meaning).toMatch(/Grad-CAM\+\+/);
      });

      it('on the GAP head: g = w_c^k / 4 everywhere, so w_k = 4·ReLU(g) / (2 + S_k·g)', async () => {
        const model = keep(gapModel());
        const x = rampInput();
        const [e] = await gradCamPlusPlus.explain(await explainContext(model, x, [[2]], opts(flat)));
        // Class 2: w = [0.5, −2] → g = [0.125, −0.5] → w_0 = 4·0.125 / (2 + 75·0.125) = 0.5 / 11.375, w_1 = 0.
        const w0 = 0.5 / 11.375;
        close(
          e!.raw.data,
          f0.map((v) => w0 * v),
          5,
        );
      });

      it("refuses score: 'probability' (its closed form assumes an exponential of the logit), before any work", async () => {
        const model = keep(gapModel());
        const before = model.memory();
        await expect(gradCamPlusPlus.explain(await explainContext(model, rampInput(), [[2]], opts({ ...flat, score: 'probability' })))).rejects.toMatchObject({
          code: 'config',
          message: expect.stringMatching(/grad-cam\+\+: option score = 'probability' is refused.*Accepted: score: logit/),
        });
        expect(model.memory()).toEqual(before);
      });
    });

    describe('Grad-CAM on a GAP → Dense head equals CAM / (h·w)', () => {
      it('on the hand-made model, for the logit score', async () => {
        const model = keep(gapModel());
        const x = rampInput();
        const ctx = (o: Partial<CamOptions>) => explainContext(model, x, [[0, 1, 2]], opts({ ...flat, ...o }));
        const grad = await gradCam.explain(await ctx({ relu: false }));
        // M_0 = f0, M_1 = f1, M_2 = 0.5·f0 − 2·f1; h·w = 4.
        const M = [f0, f1, f0.map((v, i) => 0.5 * v - 2 * f1[i]!)];
        M.forEach((m, c) =>
          close(
            grad[c]!.raw.data,
            m.map((v) => v / 4),
            5,
          ),
        );
        // With ReLU (default): M_2 / 4 = [[−1.5, −0.5], [3.875, 5]] → [[0, 0], [3.875, 5]].
        const [relu2] = await gradCam.explain(await explainContext(model, x, [[2]], opts(flat)));
        close(relu2!.raw.data, [0, 0, 3.875, 5], 5);
      });

      it("score: 'probability' differentiates the softmax: map = p_c·(M_c − Σ_j p_j·M_j) / (h·w)", async () => {
        // ∂p_c/∂A = p_c·Σ_j (δ_cj − p_j)·∂z_j/∂A and ∂z_j/∂A_k(x, y) = w_j^k / 4. A softer head keeps p away from 0 and 1
        // (float32 cannot resolve 1 − p when p ≈ 1): kernel class 0 = [0.1, 0], class 1 = [0, 1], class 2 = [0.05, −0.2],
        // no bias → M_0 = 0.1·f0, M_1 = f1, M_2 = 0.05·f0 − 0.2·f1; z = GAP·W = [1.875, 1.25, 0.9375 − 0.25 = 0.6875].
        const model = keep(
          gapModel(
            [
              [0.1, 0, 0.05],
              [0, 1, -0.2],
            ],
            [0, 0, 0],
          ),
        );
        const x = rampInput();
        const M = [f0.map((v) => 0.1 * v), f1, f0.map((v, i) => 0.05 * v - 0.2 * f1[i]!)];
        const e = [1.875, 1.25, 0.6875].map(Math.exp);
        const p = e.map((v) => v / (e[0]! + e[1]! + e[2]!));
        const prob = await gradCam.explain(await explainContext(model, x, [[0, 1, 2]], opts({ ...flat, relu: false, score: 'probability' })));
        M.forEach((m, c) => {
          const expected = m.map((v, i) => (p[c]! * (v - M.reduce((s, mj, j) => s + p[j]! * mj[i]!, 0))) / 4);
          close(prob[c]!.raw.data, expected, 5);
          expect(prob[c]!.target.score).toBeCloseTo(p[c]!, 6);
          expect(prob[c]!.target.scoreKind).toBe('probability');
        });
        expect(prob[0]!.raw.meaning).toMatch(/probability \(the model's softmax output\)/);
      });

      it('on a residual functional model, batch of 2, three classes each (with and without ReLU)', async () => {
        const model = keep(residualModel());
        const x = randomBatch([2, 8, 8, 3], 11);
        const targets = [
          [0, 3, 1],
          [4, 2, 0],
        ];
        const camOut = await cam.explain(await explainContext(model, x, targets, { ...camDefaults, ...flat }));
        const lin = await gradCam.explain(await explainContext(model, x, targets, opts({ ...flat, relu: false })));
        const rel = await gradCam.explain(await explainContext(model, x, targets, opts({ ...flat, relu: true })));
        expect(camOut[0]!.layer).toBe('block_out');
        expect(lin[0]!.layer).toBe('block_out');
        expect(lin.map((e) => [e.inputIndex, e.target.classIndex])).toEqual([
          [0, 0],
          [0, 3],
          [0, 1],
          [1, 4],
          [1, 2],
          [1, 0],
        ]);
        camOut.forEach((c, i) => {
          expect(c.raw.shape).toEqual([4, 4]); // 8×8 → stride-2 block → 4×4, h·w = 16
          const scaled = Array.from(c.raw.data).map((v) => v / 16);
          close(lin[i]!.raw.data, scaled, 5);
          close(
            rel[i]!.raw.data,
            scaled.map((v) => Math.max(v, 0)),
            5,
          );
          expect(c.raw.range[1] - c.raw.range[0]).toBeGreaterThan(1e-3); // the maps are not trivially constant
        });
      });
    });

    describe('AveragePooling2D over the whole map → Flatten → Dense (issue 18)', () => {
      // avg_pool turns the 2×2 conv map into [N, 1, 1, 2]: a 4-D output, but one cell, where a Grad-CAM map would be a
      // single constant. The automatic layer is the last map with h·w > 1: conv. The head is the gapModel's, so the
      // identity Grad-CAM = CAM / 4 holds: M_2 / 4 = [[−1.5, −0.5], [3.875, 5]].
      it('grad-cam picks conv, not the pooled 1×1 output, and gives CAM / (h·w)', async () => {
        const model = keep(avgPoolFlattenModel());
        expect(model.layer('avg_pool').outputShape).toEqual([null, 1, 1, 2]);
        const out = await gradCam.explain(await explainContext(model, rampInput(), [[2, 0]], opts({ ...flat, relu: false })));
        expect(out[0]!.layer).toBe('conv');
        expect(out[0]!.raw.shape).toEqual([2, 2]);
        close(out[0]!.raw.data, [-1.5, -0.5, 3.875, 5], 5);
        close(
          out[1]!.raw.data,
          f0.map((v) => v / 4),
          5,
        );
      });

      it('cam refuses the head (an AveragePooling2D is not a global average pooling), naming it from the last 2×2 map', async () => {
        const model = keep(avgPoolFlattenModel());
        await expect(cam.explain(await explainContext(model, rampInput(), [[0]], { ...camDefaults }))).rejects.toThrow(
          'has the head avg_pool (AveragePooling2D) → flatten (Flatten) → predictions (Dense); it does not start with a global average pooling',
        );
      });
    });

    describe('abort', () => {
      it('an abort while the gradients are taken stops with an AbortError and leaves memory() unchanged', async () => {
        const model = keep(gapModel());
        const controller = new AbortController();
        let calls = 0;
        // The signal goes to model.gradients, which checks it between target ranks (seeds): aborting as the call
        // starts stops it before rank 0.
        const watched = withOverrides(model, {
          gradients: (x, request) => {
            calls++;
            expect(request.signal).toBe(controller.signal);
            controller.abort();
            return model.gradients(x, request);
          },
        });
        const ctx = await explainContext(
          watched,
          rampInput(2),
          [
            [0, 1],
            [2, 0],
          ],
          opts(),
          controller.signal,
        );
        const before = model.memory();
        await expect(gradCam.explain(ctx)).rejects.toMatchObject({ name: 'AbortError' });
        expect(calls).toBe(1);
        expect(model.memory()).toEqual(before);
      });

      it('an already aborted signal stops before any gradient is taken', async () => {
        const model = keep(gapModel());
        let calls = 0;
        const watched = withOverrides(model, { gradients: (x, request) => (calls++, model.gradients(x, request)) });
        const controller = new AbortController();
        controller.abort();
        for (const explainer of [gradCam, gradCamPlusPlus]) {
          await expect(explainer.explain(await explainContext(watched, rampInput(), [[0]], opts(), controller.signal))).rejects.toMatchObject({
            name: 'AbortError',
          });
        }
        expect(calls).toBe(0);
      });
    });

    describe('memory', () => {
      for (const explainer of [gradCam, gradCamPlusPlus]) {
        it(`${explainer.id} leaves memory() unchanged over 50 runs (batch of 2, ragged targets)`, async () => {
          const model = keep(gapModel());
          const ctx = await explainContext(model, rampInput(2), [[0, 1, 2], [1]], opts());
          await explainer.explain(ctx);
          const before = model.memory();
          for (let i = 0; i < 50; i++) await explainer.explain(ctx);
          expect(model.memory()).toEqual(before);
        });
      }
    });

    describe('grad-cam at an inner layer (gradients through conv layers) matches finite differences', () => {
      // α_k = mean_xy ∂y_c/∂A_k(x, y) = (1/(h·w))·d/dε y_c(A + ε·E_k), E_k = 1 on every cell of channel k: a
      // directional derivative, measured by central differences with run(x, ['logits'], { block_a: A ± ε·E_k }).
      it('residual model, layer block_a (8×8×4), batch of 2, two classes each', async () => {
        const model = keep(residualModel());
        const batch = randomBatch([2, 8, 8, 3], 13);
        const targets = [
          [1, 4],
          [3, 0],
        ];
        const out = await gradCam.explain(await explainContext(model, batch, targets, opts({ ...flat, relu: false, layer: 'block_a' })));
        // The reference runs the tfjs net directly, replacing block_a's output (VisorModel.run has no overrides).
        const x = tf.tensor4d(batch.data, [2, 8, 8, 3]);
        const A = tf.tidy(() => model.net.run(x, ['block_a'])[0]!);
        const a = (await A.array()) as number[][][][];
        const eps = 1e-3;
        const logitsWith = (k: number, sign: number): number[][] =>
          tf.tidy(() => {
            const e = tf
              .oneHot([k], 4)
              .reshape([1, 1, 1, 4])
              .mul(sign * eps);
            return model.net.run(x, ['logits'], { block_a: A.add(e) })[0]!.arraySync() as number[][];
          });
        const plus = [0, 1, 2, 3].map((k) => logitsWith(k, 1));
        const minus = [0, 1, 2, 3].map((k) => logitsWith(k, -1));
        tf.dispose([A, x]);
        let p = 0;
        targets.forEach((classes, i) =>
          classes.forEach((c) => {
            const alpha = [0, 1, 2, 3].map((k) => (plus[k]![i]![c]! - minus[k]![i]![c]!) / (2 * eps * 64));
            const expected = a[i]!.flatMap((row) => row.map((cell) => cell.reduce((s, v, k) => s + alpha[k]! * v, 0)));
            expect(out[p]!.layer).toBe('block_a');
            close(out[p]!.raw.data, expected, 3);
            expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(1e-4); // not a trivially zero map
            p++;
          }),
        );
      });
    });
  });
}
