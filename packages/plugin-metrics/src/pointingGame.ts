/** Where a map points and whether that is on the object. */
export interface PointingResult {
  /** 1 when the map's maximum lies within `tolerance` pixels of a mask pixel, else 0. */
  hit: number;
  /** Column and row of the map's maximum (the first in row-major order among ties; NaN values ignored). */
  x: number;
  y: number;
}

/**
 * The pointing game (Zhang et al. 2016, "Top-down neural attention by excitation backprop"): a hit
 * when the map's maximum point lies within `tolerance` pixels (Euclidean distance, as TorchRay's
 * disk-dilated mask) of a mask pixel (value > 0.5). The paper uses a 15-pixel tolerance on its
 * input resolution. A map without a single number (all NaN) misses, at (−1, −1).
 */
export function pointingGame(map: ArrayLike<number>, mask: ArrayLike<number>, H: number, W: number, tolerance: number): PointingResult {
  let best = -1;
  for (let i = 0; i < H * W; i++) if (!Number.isNaN(map[i]) && (best < 0 || map[i]! > map[best]!)) best = i;
  if (best < 0) return { hit: 0, x: -1, y: -1 };
  const y = Math.floor(best / W);
  const x = best - y * W;
  const r = Math.floor(tolerance);
  for (let yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) {
    for (let xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) {
      if ((yy - y) ** 2 + (xx - x) ** 2 <= tolerance * tolerance && mask[yy * W + xx]! > 0.5) return { hit: 1, x, y };
    }
  }
  return { hit: 0, x, y };
}
