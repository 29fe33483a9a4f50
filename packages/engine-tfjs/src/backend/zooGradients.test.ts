import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { mobilenetV2 } from '../zoo/mobilenetV2.js';
import { resnet50 } from '../zoo/resnet.js';
import { selectBackend } from './selectBackend.js';

const SIZE = 32; // downsized: the pure-JS cpu reference takes minutes at 224×224

/** d(score of `target`)/d(input) on `backend`, the kernels the pass ran, and the tensors it left behind. */
async function inputGradient(model: tf.LayersModel, input: Float32Array, target: number, backend: 'wasm' | 'cpu') {
  await selectBackend(backend);
  const x = tf.tensor4d(input, [1, SIZE, SIZE, 3]);
  const before = tf.memory().numTensors;
  const profile = await tf.profile(() => tf.grad((t: tf.Tensor) => (model.apply(t) as tf.Tensor).slice([0, target], [1, 1]).sum())(x));
  const grad = profile.result as tf.Tensor;
  const values = Float32Array.from(await grad.data());
  grad.dispose();
  const leaked = tf.memory().numTensors - before;
  x.dispose();
  return { values, leaked, kernels: new Set(profile.kernelNames) };
}

/** The agreement criterion of the engines issue: |a − b| ≤ 1e-4·max|b| on ≥ 99.9 % of elements, correlation > 0.9999. */
function agreement(a: Float32Array, b: Float32Array) {
  const scale = b.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let close = 0;
  let sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]! - b[i]!) <= 1e-4 * scale) close++;
    sa += a[i]!;
    sb += b[i]!;
    saa += a[i]! * a[i]!;
    sbb += b[i]! * b[i]!;
    sab += a[i]! * b[i]!;
  }
  const n = a.length;
  const corr = (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
  return { scale, closeShare: close / n, corr };
}

const image = Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => Math.sin(i * 0.37) * 1.5);

describe(`input gradients through the zoo architectures on wasm equal the cpu backend's (${SIZE}×${SIZE}, random weights)`, { timeout: 600_000 }, () => {
  afterAll(async () => {
    await selectBackend('wasm');
  });

  it('ResNet50 (Visor’s Conv2DBackpropFilter/Input and MaxPoolGrad kernels on wasm)', async () => {
    await selectBackend('wasm');
    const model = resnet50({ seed: 1, inputShape: [SIZE, SIZE, 3], classes: 10 });
    const wasm = await inputGradient(model, image, 3, 'wasm');
    const cpu = await inputGradient(model, image, 3, 'cpu');
    model.dispose();
    const a = agreement(wasm.values, cpu.values);
    expect(a.scale).toBeGreaterThan(0);
    expect(a.closeShare).toBeGreaterThanOrEqual(0.999);
    expect(a.corr).toBeGreaterThan(0.9999);
    expect(wasm.leaked).toBe(0);
    expect(wasm.kernels.has(tf.Conv2DBackpropFilter)).toBe(true); // ResNet's linear convs take the fused path
    expect(wasm.kernels.has(tf.Conv2DBackpropInput)).toBe(true);
    expect(wasm.kernels.has(tf.MaxPoolGrad)).toBe(true);
  });

  it('MobileNetV2 (Visor’s depthwise backprop kernels on wasm)', async () => {
    await selectBackend('wasm');
    const model = mobilenetV2({ seed: 2, inputShape: [SIZE, SIZE, 3], classes: 10 });
    const wasm = await inputGradient(model, image, 7, 'wasm');
    const cpu = await inputGradient(model, image, 7, 'cpu');
    model.dispose();
    const a = agreement(wasm.values, cpu.values);
    expect(a.scale).toBeGreaterThan(0);
    expect(a.closeShare).toBeGreaterThanOrEqual(0.999);
    expect(a.corr).toBeGreaterThan(0.9999);
    expect(wasm.leaked).toBe(0);
    expect(wasm.kernels.has(tf.DepthwiseConv2dNativeBackpropInput)).toBe(true);
  });
});
