import { describe, expect, it } from 'vitest';
import { normalizeWindow, percentileOf, toUnit } from './normalizeWindow.js';

describe('percentileOf', () => {
  it('interpolates linearly between closest ranks', () => {
    // sorted [1, 2, 3, 4]: rank 0.5 · 3 = 1.5 → 2 + 0.5 · (3 − 2)
    expect(percentileOf([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentileOf([4, 1, 3, 2], 100)).toBe(4);
    expect(percentileOf([4, 1, 3, 2], 0)).toBe(1);
  });
});

describe('normalizeWindow', () => {
  it('minmax maps [min, max] to [0, 1]', () => {
    const w = normalizeWindow([2, 4, 6, 10], false, 'minmax');
    expect(w).toEqual({ lo: 2, hi: 10, flat: 0 });
    expect(toUnit(4, w)).toBe(0.25);
    expect(toUnit(10, w)).toBe(1);
  });

  it('symmetric puts zero in the middle', () => {
    const w = normalizeWindow([-2, 0, 1], true, 'symmetric');
    expect(w.lo).toBe(-2);
    expect(w.hi).toBe(2);
    expect(toUnit(0, w)).toBe(0.5);
    expect(toUnit(1, w)).toBe(0.75);
    expect(toUnit(-2, w)).toBe(0);
  });

  it('auto is symmetric for signed maps and minmax otherwise', () => {
    expect(normalizeWindow([-1, 3], true, 'auto')).toEqual({ lo: -3, hi: 3, flat: 0.5 });
    expect(normalizeWindow([-1, 3], false, 'auto')).toEqual({ lo: -1, hi: 3, flat: 0 });
  });

  it('percentile clipping keeps one outlier from washing out the map', () => {
    // 0, 1, …, 98 and one outlier 1000 (n = 100)
    const values = [...Array.from({ length: 99 }, (_, i) => i), 1000];
    const w = normalizeWindow(values, false, 'percentile', 99);
    // hi: rank 0.99 · 99 = 98.01 → 98 + 0.01 · (1000 − 98) = 107.02; lo: rank 0.99 → 0.99
    expect(w.hi).toBeCloseTo(107.02, 10);
    expect(w.lo).toBeCloseTo(0.99, 10);
    expect(toUnit(1000, w)).toBe(1);
    expect(toUnit(98, w)).toBeCloseTo((98 - 0.99) / (107.02 - 0.99), 10); // 0.9149
    // without clipping 98 would sit at 0.098
    expect(toUnit(98, normalizeWindow(values, false, 'minmax'))).toBeCloseTo(0.098, 10);
  });

  it('percentile on a signed map clips |v| symmetrically', () => {
    const values = [-1, -0.5, 0, 0.5, 1, 100];
    const w = normalizeWindow(values, true, 'percentile', 80);
    // |v| sorted [0, 0.5, 0.5, 1, 1, 100]: rank 0.8 · 5 = 4 → 1
    expect(w).toEqual({ lo: -1, hi: 1, flat: 0.5 });
  });

  it('flat and all-zero maps render flat, never NaN', () => {
    const flat = normalizeWindow([3, 3, 3, 3], false, 'minmax');
    expect(toUnit(3, flat)).toBe(0);
    const zeros = normalizeWindow([0, 0, 0, 0], true, 'auto');
    expect(toUnit(0, zeros)).toBe(0.5);
    const pz = normalizeWindow([0, 0], false, 'percentile');
    expect(toUnit(0, pz)).toBe(0);
    expect(toUnit(Number.NaN, normalizeWindow([1, 2], false, 'minmax'))).toBe(0);
  });

  it('rejects a percentile outside (50, 100]', () => {
    expect(() => normalizeWindow([1], false, 'percentile', 30)).toThrow(/"percentile".*30/);
  });
});
