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
  const horizontal = new Float64Array(image.length);
  // Horizontal pass.
  for (let y = 0; y < height; y++) {
    for (let c = 0; c < channels; c++) {
      const prefix = new Float64Array(width + 1);
      for (let x = 0; x < width; x++) prefix[x + 1] = prefix[x]! + image[(y * width + x) * channels + c]!;
      for (let x = 0; x < width; x++) {
        const lo = Math.max(0, x - radius);
        const hi = Math.min(width, x + radius + 1);
        horizontal[(y * width + x) * channels + c] = (prefix[hi]! - prefix[lo]!) / (hi - lo);
      }
    }
  }
  // Vertical pass.
  const out = new Float32Array(image.length);
  for (let x = 0; x < width; x++) {
    for (let c = 0; c < channels; c++) {
      const prefix = new Float64Array(height + 1);
      for (let y = 0; y < height; y++) prefix[y + 1] = prefix[y]! + horizontal[(y * width + x) * channels + c]!;
      for (let y = 0; y < height; y++) {
        const lo = Math.max(0, y - radius);
        const hi = Math.min(height, y + radius + 1);
        out[(y * width + x) * channels + c] = (prefix[hi]! - prefix[lo]!) / (hi - lo);
      }
    }
  }
  return out;
}
