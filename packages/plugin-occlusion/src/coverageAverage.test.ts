import { describe, expect, it } from 'vitest';
import { coverageAverage } from './coverageAverage.js';
import { occlusionGrid } from './occlusionGrid.js';

describe('coverageAverage', () => {
  it('gives each pixel its own window value when windows do not overlap', () => {
    const g = occlusionGrid(3, 5, [2, 3], [2, 3]);
    expect(Array.from(coverageAverage(g, [1, 2, 3, 4]))).toEqual([1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4]);
  });

  it('averages over the covering windows: 3×3, patch 2, stride 1, values 10, 20, 30, 40', () => {
    // Centre pixel is under all four windows: (10+20+30+40)/4 = 25; edge middles under two.
    const g = occlusionGrid(3, 3, [2, 2], [1, 1]);
    expect(Array.from(coverageAverage(g, [10, 20, 30, 40]))).toEqual([10, 15, 20, 20, 25, 30, 30, 35, 40]);
  });

  it('handles clipped overlapping windows: 1×6, patch 3, stride 2, values 6, 12, 11', () => {
    // windows [0,3) [2,5) [4,6): x2 → (6+12)/2 = 9, x4 → (12+11)/2 = 11.5
    const g = occlusionGrid(1, 6, [1, 3], [1, 2]);
    expect(Array.from(coverageAverage(g, [6, 12, 11]))).toEqual([6, 6, 9, 12, 11.5, 11]);
  });
});
