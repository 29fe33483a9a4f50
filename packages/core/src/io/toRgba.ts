import type { RgbaImage } from '../contracts/RgbaImage.js';
import { valueRange } from '../methods/valueRange.js';

/**
 * An opaque 8-bit RGBA picture of H×W×C data with 1 or 3 channels (null otherwise).
 * 'clamp': values are already on 0..255 (images) and are rounded and clamped.
 * 'minmax': values are scaled so the smallest becomes 0 and the largest 255 (arrays); a constant
 * array becomes black.
 */
export function toRgba(data: Float32Array, width: number, height: number, channels: number, scaling: 'clamp' | 'minmax'): RgbaImage | null {
  if (channels !== 1 && channels !== 3) return null;
  let offset = 0;
  let factor = 1;
  if (scaling === 'minmax') {
    const { min: lo, max: hi } = valueRange(data);
    offset = lo;
    factor = hi > lo ? 255 / (hi - lo) : 0;
  }
  const out = new Uint8Array(width * height * 4);
  const px = width * height;
  for (let p = 0; p < px; p++) {
    for (let k = 0; k < 3; k++) {
      const v = (data[p * channels + (channels === 1 ? 0 : k)]! - offset) * factor;
      out[p * 4 + k] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
    out[p * 4 + 3] = 255;
  }
  return { width, height, data: out };
}
