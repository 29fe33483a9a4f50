import type { NdArray } from '@visor/core';
import { describe, expect, test } from 'vitest';
import { describeOnnxModel } from '../describe/describeOnnxModel.js';
import { OnnxModel } from '../OnnxModel.js';
import { encodeModel } from '../tinyCnn.testkit.js';
import { randomValues } from '../tinyGraph.testkit.js';
import { localCnn, occludedCopies, SIZE } from './localCnn.testkit.js';

const image = Float32Array.from(randomValues(SIZE * SIZE * 3, 5));
const shape = (n: number): number[] => [n, SIZE, SIZE, 3];

/** 8×8 windows at stride 6 (overlapping, the last flush with the border), row-major: 6 × 6 = 36. */
const starts = [0, 6, 12, 24, 42, 56];
const windows: [number, number, number][] = starts.flatMap((top) => starts.map((left): [number, number, number] => [top, left, 8]));

async function models(layout: 'NCHW' | 'NHWC') {
  const spec = await describeOnnxModel(encodeModel(localCnn(layout)), 'local-cnn.onnx');
  return {
    full: await OnnxModel.create(spec, { source: 'local-cnn.onnx', incremental: false }),
    incremental: await OnnxModel.create(spec, { source: 'local-cnn.onnx' }),
  };
}

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describe('incremental scoring of occluded copies equals full forward passes', () => {
  for (const layout of ['NCHW', 'NHWC'] as const) {
    test(`${layout}: 36 overlapping windows (corners, borders, interior) in batches of 8`, async () => {
      const { full, incremental } = await models(layout);
      try {
        const copies = occludedCopies(image, windows, 0.25);
        const size = image.length;
        for (let start = 0; start < windows.length; start += 8) {
          const n = Math.min(8, windows.length - start);
          const x: NdArray = { data: copies.subarray(start * size, (start + n) * size), shape: shape(n) };
          const [expectedLogits, expectedProbs] = await full.run(x, ['logits', 'probabilities']);
          const [logits, probs] = await incremental.run(x, ['logits', 'probabilities']);
          expect(logits!.shape).toEqual([n, 10]);
          expect(relativeError(logits!.data, expectedLogits!.data)).toBeLessThan(1e-5);
          expect(relativeError(probs!.data, expectedProbs!.data)).toBeLessThan(1e-5);
        }
        // Every batch went the incremental way, the last one (4 copies) against the first batch's reference.
        expect(incremental.incrementalRuns).toEqual({ batches: 5, images: 36 });
        expect(incremental.memory()).toEqual({ tensors: 0, bytes: 0 });
      } finally {
        await full.dispose();
        await incremental.dispose();
      }
    });
  }

  test('an unchanged copy gets the reference scores; a single image after the batches too', async () => {
    const { full, incremental } = await models('NCHW');
    try {
      const copies = occludedCopies(
        image,
        [
          [0, 0, 8],
          [20, 20, 8],
          [56, 56, 8],
          [0, 0, 0],
        ],
        0.25,
      );
      const [expected] = await full.run({ data: copies, shape: shape(4) }, ['logits']);
      const [got] = await incremental.run({ data: copies, shape: shape(4) }, ['logits']);
      expect(relativeError(got!.data, expected!.data)).toBeLessThan(1e-5);
      const [alone] = await full.run({ data: image, shape: shape(1) }, ['logits']);
      const [again] = await incremental.run({ data: image, shape: shape(1) }, ['logits']);
      expect(relativeError(again!.data, alone!.data)).toBeLessThan(1e-5);
      expect(incremental.incrementalRuns.batches).toBe(2);
    } finally {
      await full.dispose();
      await incremental.dispose();
    }
  });

  test('unrelated images and layer outputs take the full forward pass; large windows give the same scores either way', async () => {
    const { full, incremental } = await models('NCHW');
    try {
      const unrelated = Float32Array.from(randomValues(3 * image.length, 9));
      const [a] = await full.run({ data: unrelated, shape: shape(3) }, ['logits']);
      const [b] = await incremental.run({ data: unrelated, shape: shape(3) }, ['logits']);
      expect(b!.data).toEqual(a!.data);
      // A layer output is never scored incrementally.
      const small = occludedCopies(
        image,
        [
          [0, 0, 8],
          [20, 20, 8],
          [40, 40, 8],
        ],
        0.25,
      );
      await incremental.run({ data: small, shape: shape(3) }, ['logits', 'd_out']);
      expect(incremental.incrementalRuns).toEqual({ batches: 0, images: 0 });
      // Quarters of the image: whether the cost model takes the incremental path or not, the scores agree.
      const big = occludedCopies(
        image,
        [
          [0, 0, 32],
          [32, 32, 32],
          [0, 32, 32],
        ],
        0.25,
      );
      const [c] = await full.run({ data: big, shape: shape(3) }, ['logits']);
      const [d] = await incremental.run({ data: big, shape: shape(3) }, ['logits']);
      expect(relativeError(d!.data, c!.data)).toBeLessThan(1e-5);
    } finally {
      await full.dispose();
      await incremental.dispose();
    }
  });
});
