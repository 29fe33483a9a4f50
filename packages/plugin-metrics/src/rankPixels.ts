/**
 * Pixel indices of a map (row-major) from the highest value to the lowest: signed maps rank by value,
 * so negative evidence comes last (not by magnitude). Ties keep row-major order (the lower index first),
 * so the order is deterministic; NaN values rank after every number.
 */
export function rankPixels(map: ArrayLike<number>): Uint32Array {
  const n = map.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = Number.isNaN(map[i]!) ? Number.NEGATIVE_INFINITY : map[i]!;
  // NaN and −Infinity share a key; NaN must still come after a real −Infinity.
  const nan = (i: number) => (Number.isNaN(map[i]) ? 1 : 0);
  order.sort((a, b) => key[b]! - key[a]! || nan(a) - nan(b) || a - b);
  return order;
}
