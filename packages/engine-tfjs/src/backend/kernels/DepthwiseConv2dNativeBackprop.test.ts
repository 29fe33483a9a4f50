import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { selectBackend } from '../selectBackend.js';
import { type HostTensor, maxAbs, maxAbsDiff, randomTensor, runKernelOn } from '../kernelParity.testkit.js';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number]; // [fH, fW, C, multiplier]
  strides: number | [number, number];
  pad: Pad;
  dilations?: number;
}

const cases: Case[] = [
  { name: '3x3 stride 1 same, multiplier 1, batch 2, non-square', x: [2, 9, 11, 4], filter: [3, 3, 4, 1], strides: 1, pad: 'same' },
  { name: '3x3 stride 2 same, multiplier 2', x: [2, 9, 11, 4], filter: [3, 3, 4, 2], strides: 2, pad: 'same' },
  { name: '3x3 stride 2 valid (MobileNetV2 after ZeroPadding2D)', x: [1, 10, 9, 3], filter: [3, 3, 3, 1], strides: 2, pad: 'valid' },
  { name: '2x3 filter, strides [1,2], valid, multiplier 2', x: [3, 8, 9, 2], filter: [2, 3, 2, 2], strides: [1, 2], pad: 'valid' },
  {
    name: 'explicit pads, stride 1',
    x: [2, 8, 9, 3],
    filter: [3, 3, 3, 2],
    strides: 1,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  {
    name: 'explicit pads, stride 2',
    x: [2, 9, 8, 3],
    filter: [3, 3, 3, 1],
    strides: 2,
    pad: [
      [0, 0],
      [2, 0],
      [1, 1],
      [0, 0],
    ],
  },
  { name: '5x5 stride 2 same, batch 3', x: [3, 12, 10, 2], filter: [5, 5, 2, 1], strides: 2, pad: 'same' },
  { name: 'dilation 2, same, multiplier 2', x: [2, 9, 10, 3], filter: [3, 3, 3, 2], strides: 1, pad: 'same', dilations: 2 },
  { name: 'dilation 2, valid, multiplier 1', x: [1, 11, 9, 2], filter: [3, 2, 2, 1], strides: 1, pad: 'valid', dilations: 2 },
  {
    name: 'dilation 2, explicit pads',
    x: [2, 8, 9, 2],
    filter: [3, 3, 2, 2],
    strides: 1,
    pad: [
      [0, 0],
      [1, 3],
      [2, 0],
      [0, 0],
    ],
    dilations: 2,
  },
];

const at = (t: HostTensor, i: number[]): number => {
  let k = 0;
  for (let d = 0; d < i.length; d++) k = k * t.shape[d]! + i[d]!;
  return t.values[k]!;
};

/**
 * The definition, written out: y[b,i,j,c·M+m] = Σ_{p,q} x[b, i·sH + p·dH − top, j·sW + q·dW − left, c]·f[p,q,c,m]
 * (zero outside x). Visits every term once and accumulates the forward output and both adjoints.
 */
function reference(c: Case, x: HostTensor, f: HostTensor, dy: HostTensor) {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations ?? 1, c.pad, undefined, true);
  const [B, H, W, C] = c.x;
  const [fH, fW, , M] = c.filter;
  const y = new Float32Array(B * info.outHeight * info.outWidth * C * M);
  const dx = new Float32Array(B * H * W * C);
  const dW = new Float32Array(fH * fW * C * M);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < info.outHeight; i++)
      for (let j = 0; j < info.outWidth; j++)
        for (let p = 0; p < fH; p++)
          for (let q = 0; q < fW; q++) {
            const h = i * info.strideHeight + p * info.dilationHeight - info.padInfo.top;
            const w = j * info.strideWidth + q * info.dilationWidth - info.padInfo.left;
            if (h < 0 || h >= H || w < 0 || w >= W) continue;
            for (let ch = 0; ch < C; ch++)
              for (let m = 0; m < M; m++) {
                const yi = (((b * info.outHeight + i) * info.outWidth + j) * C + ch) * M + m;
                const xv = at(x, [b, h, w, ch]);
                const fv = at(f, [p, q, ch, m]);
                y[yi]! += xv * fv;
                dx[((b * H + h) * W + w) * C + ch]! += dy.values[yi]! * fv;
                dW[((p * fW + q) * C + ch) * M + m]! += dy.values[yi]! * xv;
              }
          }
  return {
    y: { shape: info.outShape, values: y },
    dx: { shape: [...c.x], values: dx },
    dW: { shape: [...c.filter], values: dW },
  };
}

describe('wasm depthwise backprop kernels equal the cpu kernels (and the definition)', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it.each(cases)('$name', async (c) => {
    const dilations = c.dilations ?? 1;
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, dilations, c.pad, undefined, true);
    const x = randomTensor(c.x, 11);
    const f = randomTensor(c.filter, 12);
    const dy = randomTensor(info.outShape, 13);
    const ref = reference(c, x, f, dy);
    const common = { strides: c.strides, pad: c.pad, dilations };

    // The reference's reading of strides/pads/dilations is tfjs's: its forward equals the wasm forward op.
    const yWasm = await runKernelOn('wasm', tf.DepthwiseConv2dNative, { x, filter: f }, common);
    expect(maxAbsDiff(yWasm, ref.y)).toBeLessThan(1e-4);

    const inAttrs = { ...common, inputShape: c.x };
    const filterAttrs = { ...common, filterShape: c.filter };
    const dxWasm = await runKernelOn('wasm', tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: f }, inAttrs);
    const dWWasm = await runKernelOn('wasm', tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, filterAttrs);
    expect(dxWasm.shape).toEqual(c.x);
    expect(dWWasm.shape).toEqual(c.filter);
    expect(maxAbs(ref.dx)).toBeGreaterThan(1);
    expect(maxAbs(ref.dW)).toBeGreaterThan(1);
    const dxVsRef = maxAbsDiff(dxWasm, ref.dx);
    const dWVsRef = maxAbsDiff(dWWasm, ref.dW);

    if (dilations === 1) {
      const dxCpu = await runKernelOn('cpu', tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: f }, inAttrs);
      const dWCpu = await runKernelOn('cpu', tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, filterAttrs);
      const dxVsCpu = maxAbsDiff(dxWasm, dxCpu);
      const dWVsCpu = maxAbsDiff(dWWasm, dWCpu);
      console.log(
        `Depthwise ${c.name}: BackpropInput max |wasm - cpu| = ${dxVsCpu.toExponential(2)}, ` + `BackpropFilter max |wasm - cpu| = ${dWVsCpu.toExponential(2)}`,
      );
      expect(dxVsCpu).toBeLessThan(1e-4);
      expect(dWVsCpu).toBeLessThan(1e-4);
    } else {
      // tfjs 4.22's cpu depthwise backprop kernels ignore `dilations` (tfjs's own gradient never passes
      // one > 1), so dilated cases are checked against the definition only.
      console.log(
        `Depthwise ${c.name}: BackpropInput max |wasm - definition| = ${dxVsRef.toExponential(2)}, ` +
          `BackpropFilter max |wasm - definition| = ${dWVsRef.toExponential(2)}`,
      );
    }
    expect(dxVsRef).toBeLessThan(1e-4);
    expect(dWVsRef).toBeLessThan(1e-4);
    await tf.setBackend('wasm');
  });

  it('do not leak tensors', () => {
    const x = tf.randomNormal([2, 9, 8, 3]);
    const f = tf.randomNormal([3, 3, 3, 2]);
    const dy = tf.randomNormal([2, 5, 4, 6]);
    const attrs = { strides: 2, pad: 'same', dilations: 1 };
    const before = tf.memory().numTensors;
    const dx = tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: f }, { ...attrs, inputShape: [2, 9, 8, 3] });
    const dW = tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...attrs, filterShape: [3, 3, 3, 2] });
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([dx, dW]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f, dy]);
  });
});
