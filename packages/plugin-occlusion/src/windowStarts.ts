/**
 * Start offsets of the occlusion windows along one axis of length `size`.
 *
 * Windows start at 0, s, 2s, … and the sequence stops at the FIRST window that reaches the end
 * of the axis (start + patch ≥ size). That last window is clipped to [start, size) when it
 * overhangs the edge; it is never dropped. Because 1 ≤ stride ≤ patch ≤ size, consecutive windows
 * touch or overlap, so every position is covered by at least one window.
 *
 * Count: 1 + ceil((size − patch) / stride). Examples: size 224, patch 16, stride 16 → 14 windows
 * (0, 16, …, 208); size 10, patch 4, stride 4 → [0,4) [4,8) [8,10) (clipped); size 5, patch 3,
 * stride 1 → [0,3) [1,4) [2,5).
 */
export function windowStarts(size: number, patch: number, stride: number): number[] {
  for (const [name, v] of [
    ['size', size],
    ['patch', patch],
    ['stride', stride],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`windowStarts: ${name} must be an integer ≥ 1, got ${v}`);
    }
  }
  if (patch > size) throw new RangeError(`windowStarts: patch ${patch} is larger than the axis (${size})`);
  if (stride > patch) {
    throw new RangeError(`windowStarts: stride ${stride} is larger than the patch ${patch} (pixels would be skipped)`);
  }
  const starts = [0];
  while (starts[starts.length - 1]! + patch < size) starts.push(starts[starts.length - 1]! + stride);
  return starts;
}
