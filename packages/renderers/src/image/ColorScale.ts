import { colormapLut, type ColormapName } from '../colormap/colormap.js';
import { toUnit, type NormWindow } from '../normalize/normalizeWindow.js';

/** Number of lookup-table entries: t = i / 4096, so 0, 1/2, 1/4, … are exact. */
const LUT_STEPS = 4096;
const lutCache = new Map<ColormapName, Uint8Array>();

/** Maps values to colours: a normalisation window followed by a colormap (via a fine lookup table). */
export class ColorScale {
  private readonly lut: Uint8Array;

  constructor(
    readonly colormap: ColormapName,
    readonly window: NormWindow,
  ) {
    let lut = lutCache.get(colormap);
    if (lut === undefined) {
      lut = colormapLut(colormap, LUT_STEPS + 1);
      lutCache.set(colormap, lut);
    }
    this.lut = lut;
  }

  /** Writes the colour of `v` as r, g, b at out[offset..offset+2]. */
  colorInto(v: number, out: Uint8Array, offset: number): void {
    const i = Math.round(toUnit(v, this.window) * LUT_STEPS) * 3;
    out[offset] = this.lut[i];
    out[offset + 1] = this.lut[i + 1];
    out[offset + 2] = this.lut[i + 2];
  }
}
