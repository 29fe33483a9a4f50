import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { selectBackend } from '../selectBackend.js';
import { filterGradByTaps } from './helpers/filterGradByTaps.js';
import { maxAbs, maxAbsDiff, randomTensor, runKernelOn } from '../kernelParity.testkit.js';

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

const cases: Case[] = [
  { name: '3x3 stride 1 same, batch 2, non-square', x: [2, 9, 12, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: '3x3 stride 2 same (asymmetric pad)', x: [2, 9, 12, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: '3x3 stride 2 valid, odd rows dropped', x: [3, 10, 7, 4], filter: [3, 3, 4, 3], strides: 2, pad: 'valid' },
  { name: '2x3 filter, strides [2,1], valid', x: [2, 8, 9, 3], filter: [2, 3, 3, 4], strides: [2, 1], pad: 'valid' },
  { name: '7x7 stride 2 same (ResNet stem shape, small)', x: [1, 17, 15, 3], filter: [7, 7, 3, 4], strides: 2, pad: 'same' },
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
  // Larger outputs (batch·outH·outW > 256) take the one-conv path; the cases above the per-tap path.
  { name: 'one conv: 3x3 stride 1 same, batch 2', x: [2, 14, 12, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  {
    name: 'one conv: 3x3 stride 2 explicit pads',
    x: [1, 36, 30, 2],
    filter: [3, 3, 2, 3],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { name: 'one conv: 7x7 stride 2 same (ResNet stem)', x: [1, 40, 36, 3], filter: [7, 7, 3, 4], strides: 2, pad: 'same' },
  { name: 'one conv: NCHW, 2x3 filter, strides [1,2]', x: [2, 3, 20, 30], filter: [2, 3, 3, 2], strides: [1, 2], pad: 'valid', dataFormat: 'NCHW' },
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

describe('wasm Conv2DBackpropFilter (conv2d(xᵀ, dyᵀ) identity) equals the cpu kernel', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('the cases cover both evaluation paths', () => {
    const byTaps = cases.map((c) => filterGradByTaps(infoOf(c)));
    expect(byTaps.filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(byTaps.filter((t) => !t).length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('$name', async (c) => {
    const info = infoOf(c);
    const x = randomTensor(c.x, 1);
    const dy = randomTensor(info.outShape, 2);
    const attrs = {
      strides: c.strides,
      pad: c.pad,
      dataFormat: c.dataFormat ?? 'NHWC',
      dimRoundingMode: c.dimRoundingMode,
      filterShape: c.filter,
    };
    const wasm = await runKernelOn('wasm', tf.Conv2DBackpropFilter, { x, dy }, attrs);
    const cpu = await runKernelOn('cpu', tf.Conv2DBackpropFilter, { x, dy }, attrs);
    await tf.setBackend('wasm');
    const diff = maxAbsDiff(wasm, cpu);
    const path = filterGradByTaps(info) ? 'per tap' : 'one conv';
    console.log(`Conv2DBackpropFilter (${path}) ${c.name}: max |wasm - cpu| = ${diff.toExponential(2)} (max |dW| = ${maxAbs(cpu).toFixed(2)})`);
    expect(wasm.shape).toEqual(c.filter);
    expect(maxAbs(cpu)).toBeGreaterThan(1); // a real gradient, not zeros on both sides
    expect(diff).toBeLessThan(1e-4);
  });

  it('does not leak tensors', () => {
    const x = tf.randomNormal([2, 9, 8, 3]);
    const dy = tf.randomNormal([2, 5, 4, 4]);
    const before = tf.memory().numTensors;
    const dW = tf.engine().runKernel(
      tf.Conv2DBackpropFilter,
      { x, dy },
      {
        strides: 2,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [3, 3, 3, 4],
      },
    ) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);
    dW.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
  });
});
