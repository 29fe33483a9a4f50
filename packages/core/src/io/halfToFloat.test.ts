import { describe, expect, it } from 'vitest';
import { halfToFloat } from './halfToFloat.js';

describe('halfToFloat', () => {
  it('decodes normal, subnormal and special half-precision values (IEEE 754 binary16)', () => {
    // 0x3c00 = 1, 0xc000 = −2, 0x3555 ≈ 1/3 (0.333251953125), 0x7bff = 65504 (the largest), 0x0001 = 2^−24
    // (the smallest subnormal), 0x8000 = −0, 0x7c00 = +∞, 0xfc00 = −∞, 0x7e00 = NaN.
    expect([0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001].map(halfToFloat)).toEqual([1, -2, 0.333251953125, 65504, 2 ** -24]);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect([halfToFloat(0x7c00), halfToFloat(0xfc00), halfToFloat(0x7e00)]).toEqual([Infinity, -Infinity, NaN]);
  });
});
