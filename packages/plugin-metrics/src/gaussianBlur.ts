/** Radius of the truncated Gaussian kernel for σ: ⌈3σ⌉ (the kernel beyond holds under 0.3 % of the weight). */
export function gaussianRadius(sigma: number): number {
  return Math.ceil(3 * sigma);
}

/**
 * Gaussian blur of an H×W×C image (row-major, channels last), each channel on its own: a separable
 * kernel exp(−d²/2σ²) truncated at radius ⌈3σ⌉ (σ in pixels), whose weights are renormalised over the
 * pixels inside the image at the borders (edges are not darkened, unlike zero padding). σ = 0 copies.
 */
export function gaussianBlur(image: Float32Array, height: number, width: number, channels: number, sigma: number): Float32Array {
  if (image.length !== height * width * channels) {
    throw new RangeError(`gaussianBlur: ${image.length} values for a ${height}×${width}×${channels} image`);
  }
  if (!(sigma >= 0)) throw new RangeError(`gaussianBlur: sigma must be ≥ 0, got ${sigma}`);
  if (sigma === 0) return Float32Array.from(image);
  const r = gaussianRadius(sigma);
  const kernel = new Float64Array(2 * r + 1);
  for (let d = -r; d <= r; d++) kernel[d + r] = Math.exp(-(d * d) / (2 * sigma * sigma));
  const pass = (src: ArrayLike<number>, dst: Float64Array | Float32Array, along: 'x' | 'y') => {
    const len = along === 'x' ? width : height;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = along === 'x' ? x : y;
        const lo = Math.max(0, p - r);
        const hi = Math.min(len - 1, p + r);
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          let wsum = 0;
          for (let q = lo; q <= hi; q++) {
            const w = kernel[q - p + r]!;
            const idx = along === 'x' ? (y * width + q) * channels + c : (q * width + x) * channels + c;
            sum += w * src[idx]!;
            wsum += w;
          }
          dst[(y * width + x) * channels + c] = sum / wsum;
        }
      }
    }
  };
  const horizontal = new Float64Array(image.length);
  pass(image, horizontal, 'x');
  const out = new Float32Array(image.length);
  pass(horizontal, out, 'y');
  return out;
}
