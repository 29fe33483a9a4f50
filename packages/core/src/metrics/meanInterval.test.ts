import { describe, expect, it } from 'vitest';
import { meanInterval } from './meanInterval.js';
import { studentTQuantile } from './studentTQuantile.js';

// Student-t quantiles t_{0.975, dof} from published tables (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2,
// to more digits as printed by R's qt(0.975, dof)).
const T975: Record<number, number> = { 1: 12.7062047361747, 2: 4.30265272974946, 3: 3.18244630528371, 9: 2.2621571627982, 30: 2.04227245630124 };

describe('studentTQuantile', () => {
  it('matches tabulated t quantiles', () => {
    for (const [dof, t] of Object.entries(T975)) expect(studentTQuantile(0.975, Number(dof))).toBeCloseTo(t, 6);
  });
  it('is symmetric and refuses impossible arguments', () => {
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-T975[3]!, 6);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must lie in \(0, 1\)/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/degrees of freedom/);
  });
});

describe('meanInterval', () => {
  it('gives mean ± t·sd/√n worked by hand for [1, 2, 3, 4]', () => {
    // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = √(5/3); half width = t(0.975, 3) · sd / 2.
    const s = meanInterval([1, 2, 3, 4]);
    const half = (T975[3]! * Math.sqrt(5 / 3)) / 2;
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.low).toBeCloseTo(2.5 - half, 6);
    expect(s.high).toBeCloseTo(2.5 + half, 6);
  });
  it('uses the small-sample quantile for n = 2 (t with 1 dof, not 1.96)', () => {
    // [0, 1]: mean 0.5, sd = √0.5, half width = 12.706 · √0.5 / √2 = 6.353.
    const s = meanInterval([0, 1]);
    expect(s.high! - s.mean).toBeCloseTo(T975[1]! / 2, 6);
  });
  it('gives no interval for one value and nothing for none; skips non-finite values', () => {
    expect(meanInterval([0.7])).toEqual({ n: 1, mean: 0.7, sd: null, low: null, high: null });
    expect(meanInterval([]).n).toBe(0);
    expect(Number.isNaN(meanInterval([]).mean)).toBe(true);
    const s = meanInterval([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
    expect(s.n).toBe(2);
    expect(s.mean).toBe(2);
  });
});
