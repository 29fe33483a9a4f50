import { beforeAll, describe, expect, it } from 'vitest';
import { randomBatch } from '@visor/core/testing';
import { resnet50, selectBackend, wrapLayersModel } from '@visor/engine-tfjs';
import { cam } from './cam.js';
import { camDefaults, gradCamDefaults } from './camOptions.js';
import { gradCam } from './gradCam.js';
import { explainContext } from './testing/tinyModels.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the CAM ∝ Grad-CAM identity on ResNet-50 (wasm)', () => {
  // ResNet-50 ends conv5_block3_out → avg_pool (GlobalAveragePooling2D) → predictions (Dense, softmax).
  // At 96×96 the last feature map is 3×3 (stride 32), so Grad-CAM(logit, no ReLU) = CAM / 9 and, with ReLU, ReLU(CAM / 9).
  it('batch of 2, three classes each', async () => {
    const model = wrapLayersModel(resnet50({ inputShape: [96, 96, 3], classes: 10, seed: 3 }), 'resnet50', { owned: true });
    const x = randomBatch([2, 96, 96, 3], 5);
    const targets = [
      [0, 3, 7],
      [9, 2, 0],
    ];
    const flat = { upsample: 'none', normalize: 'none' } as const;
    const before = model.memory();
    const camOut = await cam.explain(await explainContext(model, x, targets, { ...camDefaults, ...flat }));
    const lin = await gradCam.explain(await explainContext(model, x, targets, { ...gradCamDefaults, ...flat, relu: false }));
    const rel = await gradCam.explain(await explainContext(model, x, targets, { ...gradCamDefaults, ...flat }));
    expect(model.memory()).toEqual(before);
    await model.dispose();
    expect(camOut[0]!.layer).toBe('conv5_block3_out');
    expect(lin[0]!.layer).toBe('conv5_block3_out');
    expect(camOut.map((e) => [e.inputIndex, e.target.classIndex])).toEqual([
      [0, 0],
      [0, 3],
      [0, 7],
      [1, 9],
      [1, 2],
      [1, 0],
    ]);
    camOut.forEach((c, i) => {
      expect(c.raw.shape).toEqual([3, 3]);
      const scaled = Array.from(c.raw.data).map((v) => v / 9);
      const tol = 1e-4 * Math.max(1, ...scaled.map(Math.abs));
      scaled.forEach((v, j) => {
        expect(Math.abs(lin[i]!.raw.data[j]! - v)).toBeLessThanOrEqual(tol);
        expect(Math.abs(rel[i]!.raw.data[j]! - Math.max(v, 0))).toBeLessThanOrEqual(tol);
      });
      expect(c.raw.range[1] - c.raw.range[0]).toBeGreaterThan(1e-6);
      // mean(M_c) + b_c = logit_c, reported by cam.
      expect(c.stats!.mapMean! + c.stats!.bias!).toBeCloseTo(c.stats!.logit!, 3);
    });
  });
});
