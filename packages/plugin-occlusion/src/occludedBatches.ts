import type { OcclusionGrid, OcclusionWindow } from './occlusionGrid.js';

/** One batch of occluded copies: `data` is [windows.length, H, W, C] row-major. */
export interface OccludedBatch {
  /** Index of the batch's first window in the grid. */
  start: number;
  windows: OcclusionWindow[];
  data: Float32Array;
}

/**
 * Yields the occluded copies of `image` (H×W×C) LAZILY, `batchSize` windows at a time: each copy is
 * the image with the window's pixels replaced by the same pixels of `fill` (H×W×C). Only the batch
 * being yielded is allocated, so memory does not grow with the number of windows.
 */
export function* occludedBatches(image: Float32Array, fill: Float32Array, grid: OcclusionGrid, channels: number, batchSize: number): Generator<OccludedBatch> {
  const { height: H, width: W, windows } = grid;
  const size = H * W * channels;
  if (image.length !== size || fill.length !== size) {
    throw new RangeError(`occludedBatches: image (${image.length}) and fill (${fill.length}) must both hold ${H}×${W}×${channels} values`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`occludedBatches: batchSize must be an integer ≥ 1, got ${batchSize}`);
  for (let start = 0; start < windows.length; start += batchSize) {
    const batch = windows.slice(start, start + batchSize);
    const data = new Float32Array(batch.length * size);
    batch.forEach((w, b) => {
      const base = b * size;
      data.set(image, base);
      for (let y = w.top; y < w.bottom; y++) {
        const from = (y * W + w.left) * channels;
        const to = (y * W + w.right) * channels;
        data.set(fill.subarray(from, to), base + from);
      }
    });
    yield { start, windows: batch, data };
  }
}
