/** SSIM constants of Wang et al. 2004. */
export const SSIM_K1 = 0.01;
export const SSIM_K2 = 0.03;
/** σ of the Gaussian window (Wang et al. 2004; skimage `gaussian_weights=True`). */
export const SSIM_SIGMA = 1.5;
/** Window radius: skimage truncates at 3.5σ, int(3.5 · 1.5 + 0.5) = 5, an 11×11 window. */
export const SSIM_RADIUS = 5;

/**
 * Mean structural similarity (Wang et al. 2004) of two H×W maps, the variant of
 * skimage.metrics.structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=L): local means, variances and covariance under a
 * normalised 11×11 Gaussian window of σ = 1.5,
 *   S = (2 μa μb + C1)(2 σab + C2) / ((μa² + μb² + C1)(σa² + σb² + C2)),  C1 = (0.01 L)², C2 = (0.03 L)²,
 * averaged over the pixels whose whole window lies inside the map (a 5-pixel border is left out).
 * Needs H, W ≥ 11.
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, H: number, W: number, dataRange: number): number {
  if (a.length !== H * W || b.length !== H * W) throw new RangeError(`ssim: ${a.length} and ${b.length} values for a ${H}×${W} map`);
  const r = SSIM_RADIUS;
  if (H < 2 * r + 1 || W < 2 * r + 1) throw new RangeError(`ssim: the ${2 * r + 1}×${2 * r + 1} window needs a map of at least that size, got ${H}×${W}`);
  const g = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let d = -r; d <= r; d++) sum += g[d + r] = Math.exp(-(d * d) / (2 * SSIM_SIGMA * SSIM_SIGMA));
  for (let k = 0; k < g.length; k++) g[k]! /= sum;
  // Separable filtering of the five fields, only where the full window fits.
  const H2 = H - 2 * r;
  const W2 = W - 2 * r;
  // Fields 0…4: a, b, a², b², a·b.
  const value = (f: number, i: number) => (f === 0 ? a[i]! : f === 1 ? b[i]! : f === 2 ? a[i]! * a[i]! : f === 3 ? b[i]! * b[i]! : a[i]! * b[i]!);
  const filtered = [0, 1, 2, 3, 4].map((f) => {
    const rows = new Float64Array(H * W2); // horizontal pass, columns r … W−r−1
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W2; x++) {
        let s = 0;
        for (let k = 0; k <= 2 * r; k++) s += g[k]! * value(f, y * W + x + k);
        rows[y * W2 + x] = s;
      }
    }
    const out = new Float64Array(H2 * W2); // vertical pass, rows r … H−r−1
    for (let y = 0; y < H2; y++) {
      for (let x = 0; x < W2; x++) {
        let s = 0;
        for (let k = 0; k <= 2 * r; k++) s += g[k]! * rows[(y + k) * W2 + x]!;
        out[y * W2 + x] = s;
      }
    }
    return out;
  });
  const [ma, mb, aa, bb, ab] = filtered;
  const C1 = (SSIM_K1 * dataRange) ** 2;
  const C2 = (SSIM_K2 * dataRange) ** 2;
  let total = 0;
  for (let i = 0; i < H2 * W2; i++) {
    const va = aa![i]! - ma![i]! * ma![i]!;
    const vb = bb![i]! - mb![i]! * mb![i]!;
    const cov = ab![i]! - ma![i]! * mb![i]!;
    total += ((2 * ma![i]! * mb![i]! + C1) * (2 * cov + C2)) / ((ma![i]! * ma![i]! + mb![i]! * mb![i]! + C1) * (va + vb + C2));
  }
  return total / (H2 * W2);
}
