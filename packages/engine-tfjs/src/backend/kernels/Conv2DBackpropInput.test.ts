import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { selectBackend } from '../selectBackend.js';
import { maxAbs, maxAbsDiff, randomTensor, runKernelOn } from '../kernelParity.testkit.js';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.js';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

// The shapes of ResNet / MobileNet layers (small), and the padding and stride-remainder corner cases.
const cases: Case[] = [
  { name: '3x3 stride 1 same, batch 2, non-square', x: [2, 9, 12, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: '3x3 stride 2 same (asymmetric pad)', x: [2, 9, 12, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '3x3 stride 2 same, even size (no remainder row)', x: [1, 8, 8, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { name: '3x3 stride 2 valid, odd rows dropped (the last input rows get no gradient)', x: [3, 10, 7, 4], filter: [3, 3, 4, 3], strides: 2, pad: 'valid' },
  { name: '2x3 filter, strides [2,1], valid', x: [2, 8, 9, 3], filter: [2, 3, 3, 4], strides: [2, 1], pad: 'valid' },
  { name: '7x7 stride 2 same (ResNet stem)', x: [1, 40, 36, 3], filter: [7, 7, 3, 4], strides: 2, pad: 'same' },
  { name: '1x1 stride 1 (bottleneck)', x: [2, 7, 7, 16], filter: [1, 1, 16, 8], strides: 1, pad: 'valid' },
  { name: '1x1 stride 2 valid (projection shortcut)', x: [2, 8, 6, 5], filter: [1, 1, 5, 6], strides: 2, pad: 'valid' },
  {
    name: 'explicit pads, stride 1',
    x: [2, 7, 9, 3],
    filter: [3, 3, 3, 4],
    strides: 1,
    pad: [
      [0, 0],
      [2, 1],
      [0, 3],
      [0, 0],
    ],
  },
  {
    name: 'explicit pads, stride 2',
    x: [2, 11, 9, 3],
    filter: [3, 3, 3, 4],
    strides: 2,
    pad: [
      [0, 0],
      [1, 0],
      [2, 2],
      [0, 0],
    ],
  },
  { name: 'numeric pad 1 with dimRoundingMode ceil', x: [1, 8, 10, 2], filter: [3, 3, 2, 3], strides: 2, pad: 1, dimRoundingMode: 'ceil' },
  { name: 'NCHW', x: [2, 3, 9, 8], filter: [3, 3, 3, 4], strides: 2, pad: 'same', dataFormat: 'NCHW' },
];

const infoOf = (c: Case) =>
  tf.backend_util.computeConv2DInfo(
    c.x,
    c.filter,
    c.strides,
    1,
    c.pad,
    c.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(c.dataFormat ?? 'NHWC'),
  );

describe('wasm Conv2DBackpropInput (one conv of the spread dy with the flipped filter) equals the cpu kernel', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it("replaces wasm's own kernel", () => {
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(conv2DBackpropInputConfig);
  });

  it.each(cases)('$name', async (c) => {
    const info = infoOf(c);
    const filter = randomTensor(c.filter, 3);
    const dy = randomTensor(info.outShape, 4);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', dimRoundingMode: c.dimRoundingMode, inputShape: c.x };
    const wasm = await runKernelOn('wasm', tf.Conv2DBackpropInput, { dy, filter }, attrs);
    const cpu = await runKernelOn('cpu', tf.Conv2DBackpropInput, { dy, filter }, attrs);
    await tf.setBackend('wasm');
    expect(wasm.shape).toEqual(c.x);
    expect(maxAbs(cpu)).toBeGreaterThan(1); // a real gradient, not zeros on both sides
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('does not leak tensors', () => {
    const dy = tf.randomNormal([2, 5, 4, 4]);
    const filter = tf.randomNormal([3, 3, 3, 4]);
    const before = tf.memory().numTensors;
    const dx = tf.engine().runKernel(
      tf.Conv2DBackpropInput,
      { dy, filter },
      {
        strides: 2,
        pad: 'same',
        dataFormat: 'NHWC',
        inputShape: [2, 9, 8, 3],
      },
    ) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);
    dx.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([dy, filter]);
  });
});
