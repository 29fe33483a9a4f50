import { nhwc } from '@visor/core';
import type { NdArray } from '@visor/core';

/** Image n of a batch [N, H, W, C], as a view (not a copy), and its size. */
export function batchImage(batch: NdArray, n: number): { image: Float32Array; shape: [number, number, number] } {
  const [, H, W, C] = nhwc(batch);
  const size = H * W * C;
  return { image: batch.data.subarray(n * size, (n + 1) * size), shape: [H, W, C] };
}
