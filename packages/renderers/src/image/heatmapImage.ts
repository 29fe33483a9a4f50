import type { RgbaImage } from '@visor/core';
import type { ColorScale } from './ColorScale.js';
import type { HeatGrid } from './heatGrid.js';

/** The heatmap alone, one opaque pixel per value, at the map's own resolution. */
export function heatmapImage(heat: HeatGrid, scale: ColorScale): RgbaImage {
  const data = new Uint8Array(heat.width * heat.height * 4);
  for (let i = 0; i < heat.data.length; i++) {
    scale.colorInto(heat.data[i]!, data, i * 4);
    data[i * 4 + 3] = 255;
  }
  return { width: heat.width, height: heat.height, data };
}
