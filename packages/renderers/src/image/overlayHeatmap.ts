import { resampleBilinear, type RgbaImage } from '@visor/core';
import type { ColorScale } from './ColorScale.js';
import type { Region } from './cropResize.js';
import type { HeatGrid } from './heatGrid.js';

/**
 * Blends the coloured heatmap over `base` at the base's own resolution. The heatmap covers
 * `region` of the base (the crop that was resized into the model input, or a whole tile); the
 * heatmap is resampled once, by core's `resampleBilinear`, to the base pixels the region touches
 * (each reads it at its centre; PIL's antialiasing when the region has fewer pixels than the map).
 * Pixels outside the region are unchanged, and so is the alpha channel.
 * Blend: round((1 − alpha) · base + alpha · colour); alpha = 0 returns the base unchanged.
 */
export function overlayHeatmap(base: RgbaImage, heat: HeatGrid, region: Region, scale: ColorScale, alpha: number): RgbaImage {
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`Option "alpha" must be in [0, 1], got ${alpha}`);
  const out = new Uint8Array(base.data);
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(base.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(base.height, Math.ceil(region.y + region.height));
  if (x1 <= x0 || y1 <= y0) return { width: base.width, height: base.height, data: out };
  const kx = heat.width / region.width;
  const ky = heat.height / region.height;
  const w = x1 - x0;
  const h = y1 - y0;
  const grid = { data: heat.data, width: heat.width, height: heat.height, channels: 1 };
  const values = resampleBilinear(grid, { x: (x0 - region.x) * kx, y: (y0 - region.y) * ky, width: w * kx, height: h * ky }, w, h);
  const rgb = new Uint8Array(3);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      scale.colorInto(values[j * w + i]!, rgb, 0);
      const o = ((y0 + j) * base.width + x0 + i) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round((1 - alpha) * base.data[o + c]! + alpha * rgb[c]!);
    }
  }
  return { width: base.width, height: base.height, data: out };
}
