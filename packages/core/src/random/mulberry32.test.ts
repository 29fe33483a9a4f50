import { describe, expect, it } from 'vitest';
import { mulberry32 } from './mulberry32.js';

describe('mulberry32', () => {
  it('gives the reference sequence', () => {
    // From a Python transcription of the reference C code (32-bit wrap-around by masking).
    const a = mulberry32(42);
    expect([a(), a(), a()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const b = mulberry32(0);
    expect([b(), b()]).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });

  it('takes the seed modulo 2^32', () => {
    expect(mulberry32(2 ** 32 + 42)()).toBe(mulberry32(42)());
  });
});
