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
  return i + 1 < s.length ? s[i] + f * (s[i + 1] - s[i]) : s[i];
}
