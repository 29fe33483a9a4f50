import type { RgbaImage } from '@visor/core';
import type { ColorScale } from './ColorScale.js';
import type { Region } from './cropResize.js';
import type { HeatGrid } from './heatGrid.js';
import { sampleBilinear } from './sampleBilinear.js';

/**
 * Blends the coloured heatmap over `base` at the base's own resolution. The heatmap covers
 * `region` of the base (the crop that was resized into the model input); each base pixel in the
 * region reads the heatmap bilinearly at its centre. Pixels outside the region are unchanged, and
 * so is the alpha channel. Blend: round((1 − alpha) · base + alpha · colour); alpha = 0 returns
 * the base unchanged.
 */
export function overlayHeatmap(base: RgbaImage, heat: HeatGrid, region: Region, scale: ColorScale, alpha: number): RgbaImage {
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`Option "alpha" must be in [0, 1], got ${alpha}`);
  const out = new Uint8Array(base.data);
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(base.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(base.height, Math.ceil(region.y + region.height));
  const kx = heat.width / region.width;
  const ky = heat.height / region.height;
  const rgb = new Uint8Array(3);
  for (let py = y0; py < y1; py++) {
    const hy = (py + 0.5 - region.y) * ky - 0.5;
    for (let px = x0; px < x1; px++) {
      const hx = (px + 0.5 - region.x) * kx - 0.5;
      scale.colorInto(sampleBilinear(heat.data, heat.width, heat.height, hx, hy), rgb, 0);
      const o = (py * base.width + px) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round((1 - alpha) * base.data[o + c] + alpha * rgb[c]);
    }
  }
  return { width: base.width, height: base.height, data: out };
}
