import { describe, expect, it } from 'vitest';
import { ssim } from './ssim.js';

// Two 12×14 test images defined by integer formulas, the same as in scripts/ssim_reference.py.
const H = 12;
const W = 14;
const image = (f: (x: number, y: number) => number) => Float64Array.from({ length: H * W }, (_, i) => f(i % W, Math.floor(i / W)));
const a = image((x, y) => ((x * 7 + y * 13) % 17) / 16);
const b = image((x, y) => ((x * x + 3 * y) % 11) / 10);

describe('ssim (Gaussian window σ = 1.5, 11×11, population statistics, K1 = 0.01, K2 = 0.03)', () => {
  it('matches the numpy reference written from Wang et al. 2004 (scripts/ssim_reference.py)', () => {
    expect(ssim(a, b, H, W, 1)).toBeCloseTo(0.15203796767544636, 10);
    expect(ssim(a, b, H, W, 2)).toBeCloseTo(0.16366762299349621, 10);
    expect(
      ssim(
        a,
        a.map((v) => 0.5 * v + 0.25),
        H,
        W,
        1,
      ),
    ).toBeCloseTo(0.8014938660642434, 10);
  });
  it('is 1 for identical maps and the luminance term alone for two constants (by hand)', () => {
    expect(ssim(a, a, H, W, 1)).toBeCloseTo(1, 12);
    // Constants 0.2 and 0.6, L = 1: no variance, so S = (2·0.12 + 1e−4) / (0.04 + 0.36 + 1e−4) = 0.2401 / 0.4001.
    expect(ssim(new Float64Array(H * W).fill(0.2), new Float64Array(H * W).fill(0.6), H, W, 1)).toBeCloseTo(0.2401 / 0.4001, 12);
  });
  it('is symmetric and needs an 11×11 map', () => {
    expect(ssim(b, a, H, W, 1)).toBeCloseTo(ssim(a, b, H, W, 1), 14);
    expect(() => ssim(new Float64Array(100), new Float64Array(100), 10, 10, 1)).toThrow(/at least that size/);
  });
});
