import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { mobilenetV2 } from '../zoo/mobilenetV2.js';
import { resnet50 } from '../zoo/resnet50.js';
import { selectBackend } from './selectBackend.js';

/** d(score of `target`)/d(input) for one 224×224 image on wasm, with the kernels the pass ran. */
async function inputGradient(model: tf.LayersModel, target: number) {
  const input = tf.randomUniform([1, 224, 224, 3], -1, 1, 'float32', 3);
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const profile = await tf.profile(() =>
    tf.grad((x: tf.Tensor) => (model.apply(x) as tf.Tensor).slice([0, target], [1, 1]).sum())(input),
  );
  const grad = profile.result as tf.Tensor;
  const values = (await grad.data()) as Float32Array;
  const ms = performance.now() - t0;
  const shape = grad.shape;
  grad.dispose();
  const leaked = tf.memory().numTensors - before;
  input.dispose();
  let maxAbs = 0;
  let finite = true;
  for (const v of values) {
    if (!Number.isFinite(v)) finite = false;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  return { shape, finite, maxAbs, ms, leaked, kernels: new Set(profile.kernelNames) };
}

describe('gradients through the zoo architectures on wasm (224×224, random weights)', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });
  afterAll(async () => {
    await selectBackend('wasm');
  });

  it('ResNet50: d(class score)/d(input) is finite and non-zero', async () => {
    const model = resnet50({ seed: 1 });
    const g = await inputGradient(model, 281);
    model.dispose();
    console.log(`ResNet50 input gradient on wasm: max |g| = ${g.maxAbs.toExponential(2)}, ${g.ms.toFixed(0)} ms`);
    expect(g.shape).toEqual([1, 224, 224, 3]);
    expect(g.finite).toBe(true);
    expect(g.maxAbs).toBeGreaterThan(0);
    expect(g.leaked).toBe(0);
    expect(g.kernels.has(tf.Conv2DBackpropFilter)).toBe(true); // ResNet's linear convs take the fused path
    expect(g.kernels.has(tf.MaxPoolGrad)).toBe(true);
  });

  it('MobileNetV2: d(class score)/d(input) is finite and non-zero', async () => {
    const model = mobilenetV2({ seed: 2 });
    const g = await inputGradient(model, 281);
    model.dispose();
    console.log(`MobileNetV2 input gradient on wasm: max |g| = ${g.maxAbs.toExponential(2)}, ${g.ms.toFixed(0)} ms`);
    expect(g.shape).toEqual([1, 224, 224, 3]);
    expect(g.finite).toBe(true);
    expect(g.maxAbs).toBeGreaterThan(0);
    expect(g.leaked).toBe(0);
    expect(g.kernels.has(tf.DepthwiseConv2dNativeBackpropInput)).toBe(true);
  });
});
