import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussianNoise.js';

describe('gaussianNoise', () => {
  it('is standard normal: mean 0, variance 1, and 95.45 % within ±2 (20 000 draws)', () => {
    const z = gaussianNoise(20_000, 11);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    const inside = z.filter((v) => Math.abs(v) < 2).length / z.length;
    // standard errors: mean 1/√n = 0.007, variance √(2/n) = 0.01, the fraction √(p(1−p)/n) = 0.0015
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(Math.abs(inside - 0.9545)).toBeLessThan(0.006);
  });

  it('is reproducible from its seed, differs between seeds, and fills odd lengths', () => {
    expect(Array.from(gaussianNoise(7, 3))).toEqual(Array.from(gaussianNoise(7, 3)));
    expect(Array.from(gaussianNoise(7, 3))).not.toEqual(Array.from(gaussianNoise(7, 4)));
    expect(Array.from(gaussianNoise(7, 3)).slice(0, 6)).toEqual(Array.from(gaussianNoise(6, 3)));
    expect(gaussianNoise(7, 3)[6]).not.toBe(0);
  });
});
