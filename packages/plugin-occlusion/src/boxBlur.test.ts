import { describe, expect, it } from 'vitest';
import { boxBlur } from './boxBlur.js';
import { fillImage } from './fillImage.js';

describe('boxBlur', () => {
  it('averages the (2r+1)² square clipped to the image (3×3, r = 1)', () => {
    const img = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const out = Array.from(boxBlur(img, 3, 3, 1, 1));
    // corner (0,0): mean(1,2,4,5) = 3; top middle: mean(1,2,3,4,5,6) = 3.5; centre: mean(1..9) = 5
    expect(out[0]).toBeCloseTo(3, 6);
    expect(out[1]).toBeCloseTo(3.5, 6);
    expect(out[4]).toBeCloseTo(5, 6);
    expect(out[8]).toBeCloseTo(7, 6); // mean(5,6,8,9)
  });

  it('blurs each channel separately and r = 0 is the identity', () => {
    const img = Float32Array.from([0, 100, 4, 200, 8, 300, 0, 400]); // 1×4×2
    expect(Array.from(boxBlur(img, 1, 4, 2, 1))).toEqual([2, 150, 4, 200, 4, 300, 4, 350]);
    expect(Array.from(boxBlur(img, 1, 4, 2, 0))).toEqual(Array.from(img));
  });
});

describe('fill images', () => {
  it("fillImage fills with the image's per-channel mean or repeats constants per pixel", () => {
    const img = Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]);
    expect(Array.from(fillImage(img, 2, 2, 2, { kind: 'mean' }))).toEqual([2.5, 25, 2.5, 25, 2.5, 25, 2.5, 25]);
    expect(Array.from(fillImage(img, 2, 2, 2, { kind: 'constant', values: Float32Array.from([-1, 7]) }))).toEqual([-1, 7, -1, 7, -1, 7, -1, 7]);
  });
});
