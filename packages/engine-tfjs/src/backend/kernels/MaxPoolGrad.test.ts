import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { selectBackend } from '../selectBackend.js';
import { type HostTensor, maxAbsDiff, randomTensor, runKernelOn } from '../kernelParity.testkit.js';

interface Case {
  name: string;
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  /** Integer-valued input, so windows have tied maxima. */
  ties?: boolean;
  /** Shift the input so every value is negative. */
  negative?: boolean;
}

const cases: Case[] = [
  { name: '2x2 stride 2 valid, batch 2, non-square, 3 channels', x: [2, 6, 5, 3], filterSize: 2, strides: 2, pad: 'valid' },
  { name: '3x3 stride 2 same (ResNet stem pool)', x: [2, 9, 8, 4], filterSize: 3, strides: 2, pad: 'same' },
  { name: '3x3 stride 1 same (overlapping windows)', x: [1, 7, 6, 2], filterSize: 3, strides: 1, pad: 'same' },
  { name: '2x3 filter, strides [1,2], valid', x: [2, 6, 9, 2], filterSize: [2, 3], strides: [1, 2], pad: 'valid' },
  { name: 'all values negative', x: [2, 6, 6, 3], filterSize: 2, strides: 2, pad: 'valid', negative: true },
  { name: 'tied maxima go to the first', x: [2, 6, 7, 3], filterSize: 3, strides: 2, pad: 'same', ties: true },
  { name: 'numeric pad 1 with dimRoundingMode ceil', x: [1, 8, 7, 2], filterSize: 3, strides: 2, pad: 1, dimRoundingMode: 'ceil' },
];

describe('wasm MaxPoolGrad (replacing the broken native one) equals the cpu kernel', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it.each(cases)('$name', async (c) => {
    const info = tf.backend_util.computePool2DInfo(c.x, c.filterSize, c.strides, 1, c.pad, c.dimRoundingMode);
    const raw = randomTensor(c.x, 41);
    const values = raw.values.map((v) => (c.ties ? Math.round(v) : c.negative ? v - 10 : v));
    const input: HostTensor = { shape: c.x, values };
    const dy = randomTensor(info.outShape, 42);
    const poolAttrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode };
    const output = await runKernelOn('cpu', tf.MaxPool, { x: input }, poolAttrs);
    const wasm = await runKernelOn('wasm', tf.MaxPoolGrad, { dy, input, output }, poolAttrs);
    const cpu = await runKernelOn('cpu', tf.MaxPoolGrad, { dy, input, output }, poolAttrs);
    await tf.setBackend('wasm');
    const diff = maxAbsDiff(wasm, cpu);
    console.log(`MaxPoolGrad ${c.name}: max |wasm - cpu| = ${diff.toExponential(2)}`);
    // Every window routes its dy somewhere: dx sums to dy's sum.
    const sum = (t: HostTensor) => Array.from(t.values).reduce((a, v) => a + v, 0);
    expect(sum(wasm)).toBeCloseTo(sum(dy), 3);
    expect(diff).toBeLessThan(1e-4);
  });

  it('by hand: ties go to the first max in row-major order, negative windows keep their gradient', async () => {
    // Two 2x2 windows side by side: [[5, 5], [5, 1]] -> ties, first is top-left; [[-3, -1], [-2, -4]] -> -1.
    const x = tf.tensor4d([5, 5, -3, -1, 5, 1, -2, -4], [1, 2, 4, 1]);
    const dx = tf.grad((t: tf.Tensor) =>
      tf
        .maxPool(t as tf.Tensor4D, 2, 2, 'valid')
        .mul(tf.tensor4d([10, 20], [1, 1, 2, 1]))
        .sum(),
    )(x);
    expect(Array.from(await dx.data())).toEqual([10, 0, 0, 20, 0, 0, 0, 0]);
    tf.dispose([x, dx]);
  });

  it('does not leak tensors', () => {
    const x = tf.randomNormal([2, 9, 8, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const dx = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 3, 2, 'same').sum())(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([dx, x]);
  });
});
