import type { RgbaImage } from '@visor/core';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The `region` of `img` resampled to width × height (bilinear on each channel, pixel centres
 * aligned; regions larger than 2× the output are box-averaged first so thumbnails do not alias).
 */
export function cropResize(img: RgbaImage, region: Region, width: number, height: number): RgbaImage {
  const out = new Uint8Array(width * height * 4);
  const sx = region.width / width;
  const sy = region.height / height;
  // Box filter radius in source pixels when shrinking a lot (1 sample when not).
  const nx = Math.max(1, Math.floor(sx));
  const ny = Math.max(1, Math.floor(sy));
  const px = (x: number) => Math.min(img.width - 1, Math.max(0, x));
  const py = (y: number) => Math.min(img.height - 1, Math.max(0, y));
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      const acc = [0, 0, 0, 0];
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          // Sample position (centre of sub-cell) in source pixel-centre coordinates.
          const x = region.x + (ox + (i + 0.5) / nx) * sx - 0.5;
          const y = region.y + (oy + (j + 0.5) / ny) * sy - 0.5;
          const cx = px(x);
          const cy = py(y);
          const x0 = Math.floor(cx);
          const y0 = Math.floor(cy);
          const x1 = px(x0 + 1);
          const y1 = py(y0 + 1);
          const fx = cx - x0;
          const fy = cy - y0;
          for (let c = 0; c < 4; c++) {
            const a = img.data[(y0 * img.width + x0) * 4 + c];
            const b = img.data[(y0 * img.width + x1) * 4 + c];
            const d = img.data[(y1 * img.width + x0) * 4 + c];
            const e = img.data[(y1 * img.width + x1) * 4 + c];
            acc[c] += (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
          }
        }
      }
      for (let c = 0; c < 4; c++) out[(oy * width + ox) * 4 + c] = Math.round(acc[c] / (nx * ny));
    }
  }
  return { width, height, data: out };
}
