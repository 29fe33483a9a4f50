import type { OcclusionGrid } from './occlusionGrid.js';

/**
 * Per pixel, the mean of `values[window.index]` over every window covering that pixel → [H × W]
 * row-major. Uses 2-D difference arrays, so the cost is O(windows + H·W) whatever the overlap.
 */
export function coverageAverage(grid: OcclusionGrid, values: ArrayLike<number>): Float32Array {
  const { height: H, width: W, windows } = grid;
  if (values.length !== windows.length) {
    throw new RangeError(`coverageAverage: ${values.length} values for ${windows.length} windows`);
  }
  const W1 = W + 1;
  const sum = new Float64Array((H + 1) * W1);
  const count = new Float64Array((H + 1) * W1);
  for (const w of windows) {
    const v = values[w.index]!;
    const corners: [number, number, number][] = [
      [w.top, w.left, 1],
      [w.top, w.right, -1],
      [w.bottom, w.left, -1],
      [w.bottom, w.right, 1],
    ];
    for (const [y, x, s] of corners) {
      sum[y * W1 + x]! += s * v;
      count[y * W1 + x]! += s;
    }
  }
  // 2-D prefix sums turn the corner marks into per-pixel totals.
  for (let y = 0; y <= H; y++) {
    for (let x = 0; x <= W; x++) {
      const i = y * W1 + x;
      if (x > 0) {
        sum[i]! += sum[i - 1]!;
        count[i]! += count[i - 1]!;
      }
      if (y > 0) {
        sum[i]! += sum[i - W1]!;
        count[i]! += count[i - W1]!;
      }
      if (x > 0 && y > 0) {
        sum[i]! -= sum[i - W1 - 1]!;
        count[i]! -= count[i - W1 - 1]!;
      }
    }
  }
  const out = new Float32Array(H * W);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const n = Math.round(count[y * W1 + x]!);
      if (n < 1) throw new Error(`coverageAverage: pixel (${y}, ${x}) is covered by no window`);
      out[y * W + x] = sum[y * W1 + x]! / n;
    }
  }
  return out;
}
