import { describe, expect, it } from 'vitest';
import { occludedBatches } from './occludedBatches.js';
import { occlusionGrid } from './occlusionGrid.js';

describe('occludedBatches', () => {
  const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const fill = new Float32Array(9).fill(-1);
  const grid = occlusionGrid(3, 3, [2, 2], [1, 1]);

  it('replaces each window by the fill, batch by batch, in window order', () => {
    const batches = [...occludedBatches(image, fill, grid, 1, 3)];
    expect(batches.map((b) => [b.start, b.windows.length])).toEqual([
      [0, 3],
      [3, 1],
    ]);
    const copies = Array.from(batches[0]!.data);
    expect(copies.slice(0, 9)).toEqual([-1, -1, 3, -1, -1, 6, 7, 8, 9]);
    expect(copies.slice(9, 18)).toEqual([1, -1, -1, 4, -1, -1, 7, 8, 9]);
    expect(copies.slice(18, 27)).toEqual([1, 2, 3, -1, -1, 6, -1, -1, 9]);
    expect(Array.from(batches[1]!.data)).toEqual([1, 2, 3, 4, -1, -1, 7, -1, -1]);
    expect(Array.from(image)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]); // source untouched
  });

  it('is lazy: the first batch holds only batchSize copies even for many windows', () => {
    const big = occlusionGrid(64, 64, [1, 1], [1, 1]); // 4096 windows
    const img = new Float32Array(64 * 64 * 3);
    const gen = occludedBatches(img, img, big, 3, 2);
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(first.value?.data.length).toBe(2 * 64 * 64 * 3);
  });
});
