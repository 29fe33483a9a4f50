import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { selectBackend } from '../selectBackend.js';
import { maxAbsDiff, randomTensor, runKernelOn } from '../kernelParity.testkit.js';

describe('wasm UnsortedSegmentSum', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('sums rows by segment id, by hand: ids [1, 1, -1, 0] → row 0 = x[3], row 1 = x[0] + x[1], id -1 dropped', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    const out = tf.unsortedSegmentSum(x, tf.tensor1d([1, 1, -1, 0], 'int32'), 2);
    expect(out.shape).toEqual([2, 2]);
    expect(await out.array()).toEqual([
      [7, 8],
      [4, 6],
    ]);
    tf.dispose([x, out]);
  });

  it.each([
    { name: 'rank-1 ids with duplicates and out-of-range ids, x rank 3', x: [9, 3, 2], ids: [3, 0, 3, 5, 1, -1, 3, 0, 2], numSegments: 4 },
    { name: 'more segments than ids (empty segments are zero)', x: [5, 4], ids: [6, 2, 2, 0, 6], numSegments: 8 },
    { name: 'x rank 1', x: [6], ids: [0, 1, 0, 1, 2, 2], numSegments: 3 },
  ])('equals the cpu kernel: $name', async (c) => {
    const x = randomTensor(c.x, 21);
    const segmentIds = { shape: [c.ids.length], values: Int32Array.from(c.ids), dtype: 'int32' as const };
    const attrs = { numSegments: c.numSegments };
    const wasm = await runKernelOn('wasm', tf.UnsortedSegmentSum, { x, segmentIds }, attrs);
    const cpu = await runKernelOn('cpu', tf.UnsortedSegmentSum, { x, segmentIds }, attrs);
    await tf.setBackend('wasm');
    const diff = maxAbsDiff(wasm, cpu);
    console.log(`UnsortedSegmentSum ${c.name}: max |wasm - cpu| = ${diff.toExponential(2)}`);
    expect(wasm.shape).toEqual([c.numSegments, ...c.x.slice(1)]);
    expect(diff).toBeLessThan(1e-4);
  });

  it('accepts rank-2 segment ids (a prefix of x’s shape), by hand', async () => {
    const x = tf.tensor3d([
      [[1], [2]],
      [[3], [4]],
    ]); // [2, 2, 1]
    const out = tf.engine().runKernel(
      tf.UnsortedSegmentSum,
      {
        x,
        segmentIds: tf.tensor2d(
          [
            [0, 2],
            [2, 0],
          ],
          undefined,
          'int32',
        ),
      },
      { numSegments: 3 },
    ) as tf.Tensor;
    expect(await out.array()).toEqual([[5], [0], [5]]);
    tf.dispose([x, out]);
  });

  it('gives tf.gather a gradient on wasm equal to cpu’s', async () => {
    const p = randomTensor([5, 3], 31);
    const w = randomTensor([4, 3], 32);
    const gradOn = async (backend: 'wasm' | 'cpu') => {
      await tf.setBackend(backend);
      const params = tf.tensor(p.values, p.shape);
      const weights = tf.tensor(w.values, w.shape);
      const idx = tf.tensor1d([2, 0, 2, 4], 'int32');
      const g = tf.grad((q: tf.Tensor) => tf.gather(q, idx).mul(weights).sum())(params);
      const values = await g.data();
      tf.dispose([params, weights, idx, g]);
      return { shape: [5, 3], values: values as Float32Array };
    };
    const wasm = await gradOn('wasm');
    const cpu = await gradOn('cpu');
    await tf.setBackend('wasm');
    // Row 2 is gathered twice, row 1 and 3 never: d/dp[2] = w[0] + w[2], d/dp[1] = 0.
    for (let k = 0; k < 3; k++) {
      expect(wasm.values[2 * 3 + k]).toBeCloseTo(w.values[k]! + w.values[2 * 3 + k]!, 5);
      expect(wasm.values[1 * 3 + k]).toBe(0);
    }
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(1e-6);
  });
});
