/**
 * Bilinear sample of a row-major single-channel grid (width × height) at continuous coordinates
 * in pixel-centre convention (x = 0 is the centre of the first column); clamped at the edges.
 */
export function sampleBilinear(data: ArrayLike<number>, width: number, height: number, x: number, y: number): number {
  const cx = x < 0 ? 0 : x > width - 1 ? width - 1 : x;
  const cy = y < 0 ? 0 : y > height - 1 ? height - 1 : y;
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = x0 + 1 < width ? x0 + 1 : x0;
  const y1 = y0 + 1 < height ? y0 + 1 : y0;
  const fx = cx - x0;
  const fy = cy - y0;
  const a = data[y0 * width + x0];
  const b = data[y0 * width + x1];
  const c = data[y1 * width + x0];
  const d = data[y1 * width + x1];
  const top = fx === 0 ? a : a + fx * (b - a);
  const bottom = fx === 0 ? c : c + fx * (d - c);
  return fy === 0 ? top : top + fy * (bottom - top);
}
