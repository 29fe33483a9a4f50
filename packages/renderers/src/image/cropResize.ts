import { resampleBilinear, type RgbaImage, type SourceRect } from '@visor/core';

/** A rectangle of an image in pixels (fractional allowed): the crop the model saw, or a tile. */
export type Region = SourceRect;

/**
 * The `region` of `img` resampled to width × height by core's `resampleBilinear` (bilinear on each
 * channel, pixel centres aligned, PIL's antialiasing when shrinking), rounded to bytes. Only the
 * region's pixels are read (`bounds: 'rect'`, as the preprocessing crops), so a tile shows what the
 * model saw.
 */
export function cropResize(img: RgbaImage, region: Region, width: number, height: number): RgbaImage {
  const raster = { data: img.data, width: img.width, height: img.height, channels: 4 };
  const values = resampleBilinear(raster, region, width, height, { bounds: 'rect' });
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.round(values[i]!);
  return { width, height, data };
}
