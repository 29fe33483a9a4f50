import { studentTQuantile } from './studentTQuantile.js';

/** The mean of a sample and its two-sided confidence interval for the population mean. */
export interface MeanInterval {
  /** Number of finite values the statistics were computed from. */
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1); null for n < 2. */
  sd: number | null;
  /** Interval bounds; null for n < 2 (one value gives no interval). */
  low: number | null;
  high: number | null;
}

/**
 * Mean and Student-t confidence interval: mean ± t_{(1+level)/2, n−1} · sd / √n, the interval for the
 * population mean of normally distributed values (exact for any n ≥ 2, not a large-n approximation).
 * Non-finite values (NaN, ±Infinity) are left out and not counted. An empty sample gives n = 0, mean NaN.
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`meanInterval: level must lie in (0, 1), got ${level}`);
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, sd: null, low: null, high: null };
  let sum = 0;
  for (const v of xs) sum += v;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, low: null, high: null };
  let ss = 0;
  for (const v of xs) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = studentTQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}
