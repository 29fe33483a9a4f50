import { describe, expect, it } from 'vitest';
import { rescaleUnit, valueRange } from './valueRange.js';

describe('valueRange', () => {
  it('is the least and greatest value, NaN skipped', () => {
    expect(valueRange([3, -2, NaN, 7, 0])).toEqual({ min: -2, max: 7 });
    expect(valueRange([])).toEqual({ min: Infinity, max: -Infinity });
  });
});

describe('rescaleUnit', () => {
  it('maps the least value to 0 and the greatest to 1, linearly; a constant map to 0', () => {
    expect(Array.from(rescaleUnit([2, 4, 3, 6]))).toEqual([0, 0.5, 0.25, 1]);
    expect(Array.from(rescaleUnit([5, 5]))).toEqual([0, 0]);
  });
});
