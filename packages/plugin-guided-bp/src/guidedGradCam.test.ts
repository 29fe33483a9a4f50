import { tf } from '@visor/engine-tfjs';
import { batch4x4, HAND_WORKED_X as X } from '@visor/engine-tfjs/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { guidedGradCam } from './guidedGradCam.js';
import { contextFor, expectGrid, handBuiltModel, tinyModel } from './guidedBp.testkit.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Tiny CNN of ruleGradient.test.ts. Grad-CAM layer = `conv` (the last 4-D output; fused ReLU), whose
// output is A = relu(z) = [[1.5, 2.5], [0, 0]]. For class 1 (head [1, 1, 1, 1]) ∂logit1/∂A = 1
// everywhere, so α = 1 and the Grad-CAM map is A itself; its max is 2.5.
// Guided backprop of class 1 (ruleGradient.test.ts / guidedBackprop.test.ts):
//   [[1, 1, 0, 0], [0, 2, 2, 0], [0, 0, 3, 3], [0, 0, 0, 0]].

describe('guided-grad-cam explainer', () => {
  it('multiplies guided backprop by the nearest-upsampled Grad-CAM map scaled to [0, 1]', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const [e] = await guidedGradCam.explain(await contextFor(model, x, [[1]], { upsample: 'nearest' }));
    expect(e!.method).toBe('guided-grad-cam');
    expect(e!.layer).toBe('conv'); // auto-detected: the last layer with a 4-D output
    expect(e!.options).toMatchObject({ layer: 'conv', upsample: 'nearest', score: 'logit', reduce: 'max-abs' });
    // A / 2.5 = [[0.6, 1], [0, 0]], each cell a 2×2 block:
    expectGrid(e!.extras!.gradCam!.data, [
      [0.6, 0.6, 1, 1],
      [0.6, 0.6, 1, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // × guided [[1, 1, 0, 0], [0, 2, 2, 0], [0, 0, 3, 3], 0]:
    expectGrid(e!.raw.data, [
      [0.6, 0.6, 0, 0],
      [0, 1.2, 2, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(e!.raw.shape).toEqual([4, 4, 1]);
    expect(e!.heatmap.shape).toEqual([4, 4]);
    await model.dispose();
  });

  it('upsamples bilinearly with half-pixel centres by default', async () => {
    // 2 → 4 samples the source at −0.25, 0.25, 0.75, 1.25 (clamped): a, ¾a + ¼b, ¼a + ¾b, b.
    // Row 0 of A [1.5, 2.5] → [1.5, 1.75, 2.25, 2.5]; row 1 is 0; rows mix as 1, ¾, ¼, 0 of row 0.
    // Divided by 2.5: [[.6, .7, .9, 1], [.45, .525, .675, .75], [.15, .175, .225, .25], [0, 0, 0, 0]].
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const [e] = await guidedGradCam.explain(await contextFor(model, x, [[1]], {}));
    expectGrid(e!.extras!.gradCam!.data, [
      [0.6, 0.7, 0.9, 1],
      [0.45, 0.525, 0.675, 0.75],
      [0.15, 0.175, 0.225, 0.25],
      [0, 0, 0, 0],
    ]);
    expectGrid(e!.raw.data, [
      [0.6, 0.7, 0, 0],
      [0, 1.05, 1.35, 0],
      [0, 0, 0.675, 0.75],
      [0, 0, 0, 0],
    ]);
    await model.dispose();
  });

  it('is zero where Grad-CAM is zero: class 0 has α = mean(2, −1, 3, −4) = 0', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    const [e] = await guidedGradCam.explain(await contextFor(model, x, [[0]], { layer: 'conv' }));
    expect(e!.raw.range).toEqual([0, 0]);
    await model.dispose();
  });

  it('refuses a bad upsample value', async () => {
    const model = tinyModel('fused-relu', [2, -1, 3, -4]);
    const x = batch4x4(X);
    await expect(guidedGradCam.explain(await contextFor(model, x, [[0]], { upsample: 'none' } as never))).rejects.toThrow(
      /upsample: \(guided-grad-cam\) "none" is not accepted.*Accepted: "bilinear", "nearest"/,
    );
    await model.dispose();
  });

  it('refuses a model with LeakyReLU units (the guided factor), naming the layer', async () => {
    const model = handBuiltModel('leaky', 'linear', [2, -1, 3, -4]);
    await expect(guidedGradCam.explain(await contextFor(model, batch4x4(X), [[1]], { layer: 'conv' }))).rejects.toThrow(
      /"relu:guided" rewrites ReLU gradients only.*act \(leaky_relu\)/,
    );
    await model.dispose();
  });
});
