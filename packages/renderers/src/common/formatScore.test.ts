import { describe, expect, it } from 'vitest';
import { formatScore } from './formatScore.js';

describe('formatScore', () => {
  it('writes probabilities with 3 decimals, small ones in exponent form', () => {
    expect(formatScore(0.8734, 'probability')).toBe('p=0.873');
    expect(formatScore(0, 'probability')).toBe('p=0.000');
    expect(formatScore(0.0000213, 'probability')).toBe('p=2.1e-5');
  });

  it('writes logits with 3 significant digits', () => {
    expect(formatScore(12.345, 'logit')).toBe('logit=12.3');
    expect(formatScore(-57.9784, 'logit')).toBe('logit=-58');
    expect(formatScore(Number.NaN, 'logit')).toBe('logit=NaN');
  });
});
