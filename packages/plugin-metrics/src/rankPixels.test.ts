import { describe, expect, it } from 'vitest';
import { rankPixels } from './rankPixels.js';

describe('rankPixels', () => {
  it('orders by value, highest first, ties in row-major order, NaN last', () => {
    expect(Array.from(rankPixels([0.5, 2, 0.5, -1, 2, Number.NaN, Number.NEGATIVE_INFINITY]))).toEqual([1, 4, 0, 2, 3, 6, 5]);
  });
});
