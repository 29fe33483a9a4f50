import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '@visor/engine-tfjs';
import { cam } from './cam.js';
import { camDefaults, type CamOptions } from './camOptions.js';
import { explainContext, flattenModel, gapModel, rampInput, vggHeadModel, withOverrides } from './testing/tinyModels.js';

const opts = (o: Partial<CamOptions> = {}): CamOptions => ({ ...camDefaults, ...o });

// Every test of this file runs on cpu and on wasm.
for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend(backend);
      expect(tf.getBackend()).toBe(backend);
    });

    describe('cam on conv → GAP → Dense (hand-computed)', () => {
      // Feature maps of the ramp input (see tinyModels.ts): f0 = [[0, 4], [31, 40]], f1 = [[3, 2], [0, 0]].
      // Kernel columns: w_0 = [1, 0], w_1 = [0, 1], w_2 = [0.5, −2]; bias [0.1, 0.2, 0.3].
      // M_0 = f0 = [[0, 4], [31, 40]]; M_1 = f1 = [[3, 2], [0, 0]];
      // M_2 = 0.5·f0 − 2·f1 = [[0 − 6, 2 − 4], [15.5 − 0, 20 − 0]] = [[−6, −2], [15.5, 20]].
      // Logits = GAP·W + b: GAP = [75/4, 5/4] = [18.75, 1.25] → [18.85, 1.45, 9.375 − 2.5 + 0.3 = 7.175].
      it('computes M_c = Σ_k w_c^k f_k for several classes in one call, on the logit scale', async () => {
        const model = gapModel();
        const out = await cam.explain(await explainContext(model, rampInput(), [[0, 2, 1]], opts({ upsample: 'none', normalize: 'none' })));
        expect(out.map((e) => e.target.classIndex)).toEqual([0, 2, 1]);
        expect(Array.from(out[0]!.raw.data)).toEqual([0, 4, 31, 40]);
        expect(Array.from(out[1]!.raw.data)).toEqual([-6, -2, 15.5, 20]);
        expect(Array.from(out[2]!.raw.data)).toEqual([3, 2, 0, 0]);
        expect(out[1]!.raw.shape).toEqual([2, 2]);
        expect(out[1]!.raw.range).toEqual([-6, 20]);
        expect(out[1]!.raw.signed).toBe(true);
        expect(out[0]!.layer).toBe('conv');
        // target.score is the pre-softmax logit (score: logit), even though the model ends in a softmax.
        expect(out[0]!.target.score).toBeCloseTo(18.85, 4);
        expect(out[1]!.target.score).toBeCloseTo(7.175, 4);
        expect(out[0]!.target.scoreKind).toBe('logit');
        // mean(M_c) + b_c = logit_c: mean(M_2) = (−6 − 2 + 15.5 + 20)/4 = 6.875, + 0.3 = 7.175.
        expect(out[1]!.stats!.mapMean).toBeCloseTo(6.875, 5);
        expect(out[1]!.stats!.bias).toBeCloseTo(0.3, 6);
        expect(out[1]!.stats!.logit).toBeCloseTo(7.175, 4);
        expect(out[1]!.raw.meaning).toMatch(/^class activation Σ_k w_k·f_k\(x, y\) for class 2, on the logit scale/);
        expect(out[1]!.raw.meaning).toMatch(/at each cell of the 2×2 output of layer conv$/);
        await model.dispose();
      });

      it('handles a batch: one explanation per (input, target), ordered by input then target', async () => {
        const model = gapModel();
        // Input 1 is the ramp + 1: window sums +9 → filter 0: 4, 13, 40, 49; filter 1: 8 − (centre + 1) → 2, 1, −2, −3.
        // f0 = [[4, 13], [40, 49]], f1 = [[2, 1], [0, 0]]; M_2 = 0.5·f0 − 2·f1 = [[−2, 4.5], [20, 24.5]].
        const out = await cam.explain(await explainContext(model, rampInput(2), [[1], [2, 0]], opts({ upsample: 'none', normalize: 'none' })));
        expect(out.map((e) => [e.inputIndex, e.target.classIndex])).toEqual([
          [0, 1],
          [1, 2],
          [1, 0],
        ]);
        expect(Array.from(out[0]!.raw.data)).toEqual([3, 2, 0, 0]);
        expect(Array.from(out[1]!.raw.data)).toEqual([-2, 4.5, 20, 24.5]);
        expect(Array.from(out[2]!.raw.data)).toEqual([4, 13, 40, 49]);
        await model.dispose();
      });

      it('upsamples bilinearly to the input size and min-max normalises the heatmap (defaults)', async () => {
        const model = gapModel();
        const [e] = await cam.explain(await explainContext(model, rampInput(), [[0]], opts()));
        // M_0 = [[0, 4], [31, 40]] → 4×4 with half-pixel centres: each axis [p, q] → [p, ¾p + ¼q, ¼p + ¾q, q].
        // Rows: [0, 1, 3, 4]; [31, 33.25, 37.75, 40]; rows between: ¾·r0 + ¼·r3 and ¼·r0 + ¾·r3.
        const r0 = [0, 1, 3, 4];
        const r3 = [31, 33.25, 37.75, 40];
        const expected = [...r0, ...r0.map((v, i) => 0.75 * v + 0.25 * r3[i]!), ...r0.map((v, i) => 0.25 * v + 0.75 * r3[i]!), ...r3];
        expect(e!.extras!.upsampledRaw!.shape).toEqual([4, 4]);
        Array.from(e!.extras!.upsampledRaw!.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
        expect(e!.heatmap.shape).toEqual([4, 4]);
        // minmax: min 0, max 40.
        Array.from(e!.heatmap.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i]! / 40, 5));
        expect(e!.heatmap.range).toEqual([0, 1]);
        expect(e!.heatmap.signed).toBe(false);
        expect(Array.from(e!.raw.data)).toEqual([0, 4, 31, 40]);
        await model.dispose();
      });

      it('names the class by its label in target.label and in the meanings', async () => {
        const model = gapModel();
        const ctx = { ...(await explainContext(model, rampInput(), [[2]], opts())), label: (i: number) => ['cat', 'dog', 'fox'][i]! };
        const [e] = await cam.explain(ctx);
        expect(e!.target.label).toBe('fox');
        expect(e!.raw.meaning).toContain("for 'fox' (class 2)");
        expect(e!.heatmap.meaning).toMatch(
          /bilinearly resized from 2×2 to the 4×4 input, then min-max scaled to \[0, 1\] \(0 = the map's minimum -6, 1 = its maximum 20\)$/,
        );
        await model.dispose();
      });

      it('relu: true clips the map at 0', async () => {
        const model = gapModel();
        const [e] = await cam.explain(await explainContext(model, rampInput(), [[2]], opts({ relu: true, upsample: 'none', normalize: 'none' })));
        expect(Array.from(e!.raw.data)).toEqual([0, 0, 15.5, 20]);
        expect(e!.raw.signed).toBe(false);
        // the stats are of the map before the ReLU
        expect(e!.stats!.mapMean).toBeCloseTo(6.875, 5);
        await model.dispose();
      });

      it("score: 'probability' reports the softmax probability as the target score; the map stays on the logit scale", async () => {
        const model = gapModel();
        const [e] = await cam.explain(await explainContext(model, rampInput(), [[2]], opts({ score: 'probability', upsample: 'none', normalize: 'none' })));
        const z = [18.85, 1.45, 7.175];
        const p2 = Math.exp(z[2]!) / z.reduce((s, v) => s + Math.exp(v), 0);
        expect(e!.target.scoreKind).toBe('probability');
        expect(e!.target.score).toBeCloseTo(p2, 6);
        expect(Array.from(e!.raw.data)).toEqual([-6, -2, 15.5, 20]);
        await model.dispose();
      });

      it('accepts the head feature layer by name and refuses another layer, naming the head', async () => {
        const model = gapModel();
        const x = rampInput();
        const [e] = await cam.explain(await explainContext(model, x, [[0]], opts({ layer: 'conv', upsample: 'none' })));
        expect(e!.layer).toBe('conv');
        await expect(cam.explain(await explainContext(model, x, [[0]], opts({ layer: 'gap' })))).rejects.toThrow(/4-D/);
        await expect(cam.explain(await explainContext(model, x, [[0]], opts({ layer: 'convv' })))).rejects.toThrow(/closest: conv/);
        await model.dispose();
      });

      it("leaves the model's memory() unchanged over 50 runs", async () => {
        const model = gapModel();
        const ctx = await explainContext(model, rampInput(2), [[0, 1], [2]], opts());
        await cam.explain(ctx);
        const before = model.memory();
        for (let i = 0; i < 50; i++) await cam.explain(ctx);
        expect(model.memory()).toEqual(before);
        await model.dispose();
      });
    });

    describe('cam refuses heads that are not GAP → Dense', () => {
      it('refuses a head whose weights do not reproduce the logits (mean(M_c) + b_c ≠ logit_c)', async () => {
        const model = gapModel();
        // A model reporting the kernel transposed-and-scaled: CAM of class 0 would be 2·f0, mean 37.5 + 0.1 ≠ 18.85.
        const [, bias] = model.weights('predictions');
        const wrongKernel = { data: Float32Array.of(2, 0, 1, 0, 2, -4), shape: [2, 3] };
        const lying = withOverrides(model, { weights: (name: string) => (name === 'predictions' ? [wrongKernel, bias!] : model.weights(name)) });
        await expect(cam.explain(await explainContext(lying, rampInput(), [[0]], opts()))).rejects.toThrow(/plus its bias is 37\.6.*logit is 18\.85/);
        await model.dispose();
      });

      it('refuses a kernel whose shape does not fit the feature map and the classes, naming both', async () => {
        const model = gapModel();
        const transposed = { data: Float32Array.of(1, 0, 0, 1, 0.5, -2), shape: [3, 2] };
        const lying = withOverrides(model, { weights: (name: string) => (name === 'predictions' ? [transposed] : model.weights(name)) });
        await expect(cam.explain(await explainContext(lying, rampInput(), [[0]], opts()))).rejects.toThrow(
          /kernel of shape \[3, 2\], but the feature map conv has 2 channels and the model 3 classes \(\[2, 3\] expected\)/,
        );
        await model.dispose();
      });

      it('names a Flatten → Dense → Dense head and points to grad-cam', async () => {
        const model = vggHeadModel();
        const err = await cam.explain(await explainContext(model, rampInput(), [[0]], opts())).catch((e: unknown) => e);
        expect(err).toMatchObject({ name: 'VisorError', code: 'model' });
        expect((err as Error).message).toContain('flatten_1 (Flatten) → fc1 (Dense) → predictions (Dense)');
        expect((err as Error).message).toContain('grad-cam');
        await model.dispose();
      });

      it('names a Flatten → Dense head', async () => {
        const model = flattenModel();
        await expect(cam.explain(await explainContext(model, rampInput(), [[0]], opts()))).rejects.toThrow('flatten (Flatten) → predictions (Dense)');
        await model.dispose();
      });
    });
  });
}
