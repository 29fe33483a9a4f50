/**
 * Box blur of an H×W×C image (row-major, channels last): each output value is the mean of the same
 * channel over the (2r+1)×(2r+1) square centred on the pixel, CLIPPED to the image (only pixels
 * inside the image are averaged, so edges are not darkened). r = 0 returns a copy.
 * Separable (rows then columns) with running sums: O(H·W·C) whatever the radius.
 */
export function boxBlur(image: Float32Array, height: number, width: number, channels: number, radius: number): Float32Array {
  if (image.length !== height * width * channels) {
    throw new RangeError(`boxBlur: ${image.length} values for a ${height}×${width}×${channels} image`);
  }
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`boxBlur: radius must be an integer ≥ 0, got ${radius}`);
  // Separable: along each row, then along each column of the result.
  const horizontal = new Float64Array(image.length);
  const rowSums = new Float64Array(width + 1);
  for (let y = 0; y < height; y++) {
    for (let c = 0; c < channels; c++) blurLine(image, horizontal, y * width * channels + c, channels, width, radius, rowSums);
  }
  const out = new Float32Array(image.length);
  const columnSums = new Float64Array(height + 1);
  for (let x = 0; x < width; x++) {
    for (let c = 0; c < channels; c++) blurLine(horizontal, out, x * channels + c, width * channels, height, radius, columnSums);
  }
  return out;
}

/**
 * Box-filters the `n` values of `src` at start, start + step, … into the same positions of `dst`: each the mean of
 * the values within `radius` of it on the line (the window clipped to the line), from prefix sums in `sums` (n + 1
 * values, reused between lines).
 */
function blurLine(src: ArrayLike<number>, dst: Float32Array | Float64Array, start: number, step: number, n: number, radius: number, sums: Float64Array): void {
  for (let i = 0; i < n; i++) sums[i + 1] = sums[i]! + src[start + i * step]!;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - radius);
    const hi = Math.min(n, i + radius + 1);
    dst[start + i * step] = (sums[hi]! - sums[lo]!) / (hi - lo);
  }
}
