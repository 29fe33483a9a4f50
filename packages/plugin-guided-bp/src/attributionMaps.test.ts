import { describe, expect, it } from 'vitest';
import { attributionMaps } from './attributionMaps.js';

describe('attributionMaps', () => {
  // g is 1×2 pixels × 2 channels: pixel 0 = (3, −4), pixel 1 = (0, −1).
  const g = Float32Array.from([3, -4, 0, -1]);

  it('reduces channels by max-abs and by L2, and builds the reconstruction view', () => {
    const m = attributionMaps(g, [1, 2, 2], 'max-abs', 'g');
    expect(m.raw.shape).toEqual([1, 2, 2]);
    expect(Array.from(m.raw.data)).toEqual([3, -4, 0, -1]);
    expect(m.raw.signed).toBe(true);
    expect(m.raw.range).toEqual([-4, 3]);
    expect(Array.from(m.extras.maxAbs!.data)).toEqual([4, 1]); // max(|3|, |−4|), max(|0|, |−1|)
    expect(Array.from(m.extras.l2!.data)).toEqual([5, 1]); // sqrt(9 + 16), sqrt(0 + 1)
    expect(m.heatmap).toBe(m.extras.maxAbs);
    expect(m.heatmap.shape).toEqual([1, 2]);
    // g / (2·max|g|) + 0.5 with max|g| = 4: 3/8 + .5, −4/8 + .5, .5, −1/8 + .5
    expect(Array.from(m.extras.reconstruction!.data)).toEqual([0.875, 0, 0.5, 0.375]);
    expect(m.extras.reconstruction!.shape).toEqual([1, 2, 2]);
  });

  it('uses L2 for the heatmap when asked', () => {
    const m = attributionMaps(g, [1, 2, 2], 'l2', 'g');
    expect(Array.from(m.heatmap.data)).toEqual([5, 1]);
  });

  it('maps an all-zero attribution to a flat 0.5 reconstruction', () => {
    const m = attributionMaps(new Float32Array(4), [2, 2, 1], 'max-abs', 'g');
    expect(Array.from(m.extras.reconstruction!.data)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('copies the data (the caller may reuse its buffer)', () => {
    const buf = Float32Array.from(g);
    const m = attributionMaps(buf, [1, 2, 2], 'max-abs', 'g');
    buf.fill(9);
    expect(Array.from(m.raw.data)).toEqual([3, -4, 0, -1]);
  });
});
