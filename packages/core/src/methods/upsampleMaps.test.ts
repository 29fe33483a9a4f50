import { describe, expect, it } from 'vitest';
import { upsampleMaps } from './upsampleMaps.js';

describe('upsampleMaps', () => {
  // [[0, 4], [8, 12]] to 4×4 with half-pixel centres: output pixel i samples input coordinate (i + 0.5)/2 − 0.5
  // = −0.25, 0.25, 0.75, 1.25 (clamped to [0, 1]) → weights of [p, q]: p, ¾p + ¼q, ¼p + ¾q, q.
  // Rows: [0, 4] → [0, 1, 3, 4]; [8, 12] → [8, 9, 11, 12]; the middle rows blend them ¾/¼ and ¼/¾:
  //   [2, 3, 5, 6] and [6, 7, 9, 10].
  it('bilinear: a 2×2 map to 4×4, by hand', () => {
    const { data, size } = upsampleMaps(Float32Array.of(0, 4, 8, 12), 1, [2, 2], [4, 4], 'bilinear');
    expect(size).toEqual([4, 4]);
    Array.from(data).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12][i]!, 5));
  });

  it('bilinear 3 → 7 on one axis: samples at (i + ½)·3/7 − ½, by hand', () => {
    // row [0, 6, 12]: positions −0.286, 0.143, 0.571, 1, 1.429, 1.857, 2.286 → clamp → 0, 0.857, 3.429, 6, 8.571, 11.143, 12
    const { data } = upsampleMaps(Float32Array.of(0, 6, 12), 1, [1, 3], [1, 7], 'bilinear');
    [0, 6 / 7, 24 / 7, 6, 60 / 7, 78 / 7, 12].forEach((v, i) => expect(data[i]).toBeCloseTo(v, 5));
  });

  it('nearest: each cell covers a 2×2 block; none: a copy at the same size; stacks keep their order', () => {
    const m = Float32Array.of(0, 4, 8, 12, 1, 2, 3, 4);
    expect(Array.from(upsampleMaps(m, 2, [2, 2], [4, 4], 'nearest').data)).toEqual([
      0, 0, 4, 4, 0, 0, 4, 4, 8, 8, 12, 12, 8, 8, 12, 12, 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4,
    ]);
    const none = upsampleMaps(m, 2, [2, 2], [4, 4], 'none');
    expect(none.size).toEqual([2, 2]);
    expect(Array.from(none.data)).toEqual(Array.from(m));
    expect(none.data).not.toBe(m);
  });

  it('refuses a stack whose length does not match', () => {
    expect(() => upsampleMaps(new Float32Array(5), 1, [2, 2], [4, 4])).toThrow(/5 values for 1 maps of 2×2/);
  });
});
