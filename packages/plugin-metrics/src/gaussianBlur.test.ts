import { describe, expect, it } from 'vitest';
import { gaussianBlur, gaussianRadius } from './gaussianBlur.js';

describe('gaussianBlur', () => {
  it('weights neighbours by exp(−d²/2σ²), renormalised over the pixels inside the image', () => {
    // 1×3 image [0, 3, 0], σ = 1 (radius 3, clipped to the row): weights 1, e^−0.5, e^−2 by distance.
    const e1 = Math.exp(-0.5);
    const e2 = Math.exp(-2);
    const out = gaussianBlur(Float32Array.from([0, 3, 0]), 1, 3, 1, 1);
    expect(out[1]).toBeCloseTo(3 / (1 + 2 * e1), 6);
    expect(out[0]).toBeCloseTo((3 * e1) / (1 + e1 + e2), 6);
    expect(out[2]).toBeCloseTo(out[0]!, 6);
  });
  it('blurs each channel on its own, keeps constants and copies for σ = 0', () => {
    const img = Float32Array.from([1, 10, 1, 10, 1, 10, 1, 10]); // 2×2, channels (1, 10)
    const out = gaussianBlur(img, 2, 2, 2, 2);
    for (let i = 0; i < 8; i++) expect(out[i]).toBeCloseTo(img[i]!, 6);
    const copy = gaussianBlur(img, 2, 2, 2, 0);
    expect(copy).toEqual(img);
    expect(copy).not.toBe(img);
    expect(gaussianRadius(5)).toBe(15);
  });
  it('is separable: a 3×3 impulse gives the outer product of the 1-D weights', () => {
    const img = new Float32Array(9);
    img[4] = 1;
    const out = gaussianBlur(img, 3, 3, 1, 1);
    // Middle row/column of a 1-D blur of [0, 1, 0]: w1 = e^−0.5/(1 + e^−0.5 + e^−2) at the ends, w0 = 1/(1 + 2e^−0.5) in the middle.
    const e1 = Math.exp(-0.5);
    const end = e1 / (1 + e1 + Math.exp(-2));
    const mid = 1 / (1 + 2 * e1);
    expect(out[4]).toBeCloseTo(mid * mid, 6);
    expect(out[0]).toBeCloseTo(end * end, 6);
    expect(out[1]).toBeCloseTo(end * mid, 6);
  });
});
