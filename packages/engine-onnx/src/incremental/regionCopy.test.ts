import { describe, expect, test } from 'vitest';
import { composeRegion, copyRegion, differenceBox, majorityImage } from './regionCopy.js';

describe('crops of maps', () => {
  test('differenceBox: the rows and columns where two 3×4×2 images differ', () => {
    const a = new Float32Array(24);
    const b = a.slice();
    b[(1 * 4 + 2) * 2 + 1] = 5; // (y 1, x 2, channel 1)
    b[(2 * 4 + 1) * 2] = -1; // (y 2, x 1, channel 0)
    expect(differenceBox(a, b, 3, 4, 2)).toEqual({ y0: 1, y1: 3, x0: 1, x1: 3 });
    expect(differenceBox(a, a.slice(), 3, 4, 2)).toBeNull();
  });

  test('majorityImage: each value as most copies have it; without a majority, the first copy’s', () => {
    const batch = Float32Array.from([1, 2, 3, 9, 2, 3, 1, 8, 3, 1, 2, 7]); // 4 copies of 3 values
    expect(Array.from(majorityImage(batch, 4, 3))).toEqual([1, 2, 3]);
    expect(Array.from(majorityImage(Float32Array.from([1, 2, 3]), 3, 1))).toEqual([1]);
  });

  test('copyRegion: a 2×2 box of a 2-channel 4×4 map into a crop starting at (1, 1), NCHW and NHWC', () => {
    const nchw = Float32Array.from({ length: 32 }, (_, i) => i); // value = c·16 + y·4 + x
    const crop = new Float32Array(2 * 3 * 3);
    copyRegion(
      { data: nchw, offset: 0, channelsFirst: true, channels: 2, y: 0, x: 0, height: 4, width: 4 },
      { data: crop, offset: 0, channelsFirst: true, channels: 2, y: 1, x: 1, height: 3, width: 3 },
      { y0: 2, y1: 4, x0: 2, x1: 4 },
    );
    // Channel 0 rows y 1–3, x 1–3: only (2..3, 2..3) copied: 10, 11, 14, 15; channel 1 adds 16.
    expect(Array.from(crop)).toEqual([0, 0, 0, 0, 10, 11, 0, 14, 15, 0, 0, 0, 0, 26, 27, 0, 30, 31]);
    const nhwc = Float32Array.from({ length: 32 }, (_, i) => i); // value = (y·4 + x)·2 + c
    const out = new Float32Array(8);
    copyRegion(
      { data: nhwc, offset: 0, channelsFirst: false, channels: 2, y: 0, x: 0, height: 4, width: 4 },
      { data: out, offset: 0, channelsFirst: false, channels: 2, y: 2, x: 2, height: 2, width: 2 },
      { y0: 2, y1: 4, x0: 2, x1: 4 },
    );
    expect(Array.from(out)).toEqual([20, 21, 22, 23, 28, 29, 30, 31]);
  });

  test('composeRegion: a 1-channel 4×4 crop of the base with a 2×2 box from the patch, each value once', () => {
    const base = Float32Array.from({ length: 36 }, (_, i) => i); // 6×6 map, value = y·6 + x
    const patch = Float32Array.from([-1, -2, -3, -4]); // the box (2..3, 3..4) only
    const dst = new Float32Array(16).fill(NaN);
    composeRegion(
      { data: base, offset: 0, channelsFirst: true, channels: 1, y: 0, x: 0, height: 6, width: 6 },
      { data: patch, offset: 0, channelsFirst: true, channels: 1, y: 2, x: 3, height: 2, width: 2 },
      { y0: 2, y1: 4, x0: 3, x1: 5 },
      { data: dst, offset: 0, channelsFirst: true, channels: 1, y: 1, x: 1, height: 4, width: 4 },
    );
    expect(Array.from(dst)).toEqual([7, 8, 9, 10, 13, 14, -1, -2, 19, 20, -3, -4, 25, 26, 27, 28]);
  });
});
