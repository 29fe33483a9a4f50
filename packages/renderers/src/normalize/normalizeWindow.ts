import { valueRange } from '@visor/core';

/**
 * How map values become colormap positions:
 * - `minmax`: [min, max] → [0, 1];
 * - `symmetric`: [-m, m] → [0, 1] with m = max |v| (zero lands on the middle: the neutral middle of rdbu);
 * - `percentile`: like minmax (or symmetric for signed maps) but clipped at the `percentile`-th
 *   percentile (and the (100 - p)-th for the low end of unsigned maps), so one outlier does not
 *   wash out the rest;
 * - `auto`: symmetric for signed maps, minmax otherwise.
 */
export const NORMALIZE_MODES = ['auto', 'minmax', 'symmetric', 'percentile'] as const;
export type NormalizeMode = (typeof NORMALIZE_MODES)[number];

/** The value range mapped onto the colormap: lo → 0, hi → 1; `flat` is used when hi ≤ lo (constant maps). */
export interface NormWindow {
  lo: number;
  hi: number;
  /** Colormap position of every value when the window is empty: 0.5 for symmetric windows, else 0. */
  flat: number;
}

/**
 * The p-th percentile (0..100) of values with linear interpolation between closest ranks
 * (numpy's default): rank r = p/100 · (n − 1) in the sorted values.
 */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentileOf: no values');
  const s = Float64Array.from(values).sort();
  const r = (Math.min(100, Math.max(0, p)) / 100) * (s.length - 1);
  const i = Math.floor(r);
  const f = r - i;
  return i + 1 < s.length ? s[i]! + f * (s[i + 1]! - s[i]!) : s[i]!;
}

/** The window for a map's values (non-finite values are ignored). */
export function normalizeWindow(data: ArrayLike<number>, signed: boolean, mode: NormalizeMode, percentile = 99.5): NormWindow {
  if (!(percentile > 50 && percentile <= 100)) {
    throw new Error(`Option "percentile" must be in (50, 100], got ${percentile}`);
  }
  const m = mode === 'auto' ? (signed ? 'symmetric' : 'minmax') : mode;
  const finite: number[] = [];
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) finite.push(data[i]!);
  if (finite.length === 0) return { lo: 0, hi: 0, flat: signed || m === 'symmetric' ? 0.5 : 0 };
  switch (m) {
    case 'minmax': {
      const { min, max } = valueRange(finite);
      return { lo: min, hi: max, flat: 0 };
    }
    case 'symmetric': {
      let a = 0;
      for (const v of finite) a = Math.max(a, Math.abs(v));
      return { lo: -a, hi: a, flat: 0.5 };
    }
    case 'percentile': {
      if (signed) {
        const a = percentileOf(finite.map(Math.abs), percentile);
        return { lo: -a, hi: a, flat: 0.5 };
      }
      return { lo: percentileOf(finite, 100 - percentile), hi: percentileOf(finite, percentile), flat: 0 };
    }
    default:
      throw new Error(`Unknown normalisation ${JSON.stringify(mode)} (option "normalize"); accepted: ${NORMALIZE_MODES.join(', ')}`);
  }
}

/** The colormap position in [0, 1] of a value (clipped to the window); never NaN. */
export function toUnit(v: number, w: NormWindow): number {
  if (!(w.hi > w.lo) || !Number.isFinite(v)) return w.flat;
  const t = (v - w.lo) / (w.hi - w.lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}
