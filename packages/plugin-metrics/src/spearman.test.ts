import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from './spearman.js';

describe('spearman', () => {
  it('averages the ranks of ties', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30, 20]))).toEqual([1, 3, 3, 5, 3]);
  });
  it('matches a hand-worked value with ties', () => {
    // a = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4]; b = [1, 3, 2, 4] → ranks [1, 3, 2, 4].
    // Deviations from 2.5: [−1.5, 0, 0, 1.5] and [−1.5, 0.5, −0.5, 1.5]: Σab = 4.5, Σa² = 4.5, Σb² = 5 → 4.5/√22.5 = √0.9.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
  });
  it('is ±1 for monotone relations and 0 for a constant map', () => {
    expect(spearman([1, 5, 2, 8], [0.1, 100, 3, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 5, 2, 8], [-1, -5, -2, -8])).toBeCloseTo(-1, 12);
    expect(spearman([1, 5, 2, 8], [3, 3, 3, 3])).toBe(0);
  });
  it('matches the textbook formula 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // Ranks a = [1, 2, 3, 4, 5], b = [2, 1, 4, 3, 5]: Σd² = 4 → 1 − 24/120 = 0.8.
    expect(spearman([10, 20, 30, 40, 50], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });
});
