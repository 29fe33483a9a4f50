import { describe, expect, it } from 'vitest';
import { hasRank, ofRank } from './ofRank.js';

describe('ofRank', () => {
  it('returns the shape of the rank asked for', () => {
    expect(ofRank([1, 3, 8, 8], 4, 'the input')).toEqual([1, 3, 8, 8]);
    expect(hasRank([2, null], 2)).toBe(true);
    expect(hasRank([2, 3, 4], 2)).toBe(false);
  });

  it('names what has the wrong rank', () => {
    expect(() => ofRank([16, 3, 3], 4, "Conv weight 'w1'")).toThrow("Conv weight 'w1' has shape [16, 3, 3]; expected rank 4");
  });
});
