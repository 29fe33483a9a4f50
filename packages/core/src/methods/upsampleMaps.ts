import { resizeBilinear } from '../preprocess/resizeBilinear.js';

/** How a map at feature resolution is brought to the input's size. */
export type UpsampleMode = 'bilinear' | 'nearest' | 'none';

/**
 * Resizes a stack of P maps [P, h, w] (row-major) to [P, H, W] with half-pixel centres (pixel i covers
 * [i, i + 1), like OpenCV's resize, PyTorch's align_corners=False and tf.image.resize with
 * halfPixelCenters): `bilinear` interpolates without antialiasing, so a 2×2 map [[a, b], [c, d]]
 * becomes rows whose first row is a, ¾a + ¼b, ¼a + ¾b, b; `nearest` takes the cell whose centre is
 * nearest (source index ⌊(i + ½)·h/H⌋); `none` returns a copy at [h, w]. Returns the new size too.
 */
export function upsampleMaps(
  maps: Float32Array,
  count: number,
  [h, w]: [number, number],
  [H, W]: [number, number],
  mode: UpsampleMode = 'bilinear',
): { data: Float32Array; size: [number, number] } {
  if (maps.length !== count * h * w) throw new Error(`upsampleMaps: ${maps.length} values for ${count} maps of ${h}×${w}`);
  if (mode === 'none' || (h === H && w === W)) return { data: Float32Array.from(maps), size: mode === 'none' ? [h, w] : [H, W] };
  const out = new Float32Array(count * H * W);
  if (mode === 'nearest') {
    const rows = Int32Array.from({ length: H }, (_, i) => Math.min(h - 1, Math.floor(((i + 0.5) * h) / H)));
    const cols = Int32Array.from({ length: W }, (_, j) => Math.min(w - 1, Math.floor(((j + 0.5) * w) / W)));
    for (let p = 0; p < count; p++) {
      for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) out[(p * H + i) * W + j] = maps[(p * h + rows[i]!) * w + cols[j]!]!;
    }
    return { data: out, size: [H, W] };
  }
  for (let p = 0; p < count; p++) {
    const one = resizeBilinear(maps.subarray(p * h * w, (p + 1) * h * w), w, 1, { x: 0, y: 0, width: w, height: h }, W, H, false);
    out.set(one, p * H * W);
  }
  return { data: out, size: [H, W] };
}
