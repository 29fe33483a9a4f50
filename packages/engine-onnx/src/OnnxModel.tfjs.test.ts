import type { GradientRequest, GradientRewrite } from '@visor/core';
import { wrapLayersModel } from '@visor/engine-tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { convertTfjsModel } from './convert/convertTfjsModel.js';
import { artifactsOf, mobilenetV2, randomizeWeights, tf, useCpu } from './convert/tfjsReference.testkit.js';
import { OnnxModel } from './OnnxModel.js';

// The rules as plugin-guided-bp states them, written here independently.
const guided: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };
const deconvnet: GradientRewrite = {
  id: 'relu:deconvnet',
  relu: (ops, u) => {
    const r = ops.mul(u.dy, ops.positive(u.dy));
    return u.cap ? ops.mul(r, u.cap) : r;
  },
};

/** Issue 14's bar: within 1e-4 of the reference's max |value| on ≥ 99.9 % of elements, correlation > 0.9999. */
function agreement(a: Float32Array, b: Float32Array): { within: number; correlation: number } {
  let max = 0;
  for (const v of b) max = Math.max(max, Math.abs(v));
  let within = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < b.length; i++) {
    if (Math.abs(a[i]! - b[i]!) <= 1e-4 * max) within++;
    ma += a[i]! / b.length;
    mb += b[i]! / b.length;
  }
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < b.length; i++) {
    c += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return { within: within / b.length, correlation: c / Math.sqrt(va * vb) };
}

let keras: tf.LayersModel;
let onnx: OnnxModel;
beforeAll(async () => {
  await useCpu();
  keras = mobilenetV2({ inputShape: [48, 48, 3], classes: 10, seed: 1 });
  randomizeWeights(keras, 5, 0.5, (n) => /moving_mean/.test(n));
  onnx = await OnnxModel.create(convertTfjsModel(await artifactsOf(keras), 'mobilenetv2'), { source: 'mobilenetv2', threads: 1 });
});
afterAll(async () => {
  await onnx?.dispose();
  keras?.dispose();
});

describe('a converted Keras MobileNetV2 (48×48, ReLU6 as Clip, depthwise convs): ONNX gradients equal engine-tfjs cpu', () => {
  test.each([
    ['plain, input, logit', { wrt: 'input', score: 'logit' }],
    ['guided, input, probability', { wrt: 'input', score: 'probability', rewrite: guided }],
    ['deconvnet, input, logit', { wrt: 'input', score: 'logit', rewrite: deconvnet }],
    ['plain, out_relu (the Grad-CAM layer), logit', { wrt: 'out_relu', score: 'logit' }],
  ] as const)('%s', async (_name, how) => {
    const tfjs = wrapLayersModel(keras, 'mobilenetv2');
    const x = { data: Float32Array.from({ length: 48 * 48 * 3 }, (_, i) => Math.sin(i * 0.37)), shape: [1, 48, 48, 3] };
    const request: GradientRequest = { ...how, seeds: [Float32Array.from({ length: 10 }, (_, i) => (i === 3 ? 1 : 0))] };
    const a = await onnx.gradients(x, request);
    const b = await tfjs.gradients(x, request);
    expect(a.gradients[0]!.shape).toEqual(b.gradients[0]!.shape);
    const { within, correlation } = agreement(a.gradients[0]!.data, b.gradients[0]!.data);
    expect(within).toBeGreaterThanOrEqual(0.999);
    expect(correlation).toBeGreaterThan(0.9999);
    expect(agreement(a.scores.data, b.scores.data).within).toBe(1);
  });
});
