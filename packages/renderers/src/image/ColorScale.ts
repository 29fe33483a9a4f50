import { colormapIndex, colormapLut, type ColormapName } from '../colormap/colormap.js';
import { toUnit, type NormWindow } from '../normalize/normalizeWindow.js';

/** Maps values to colours: a normalisation window followed by a colormap's 256-entry table. */
export class ColorScale {
  private readonly lut: Uint8Array;

  constructor(
    readonly colormap: ColormapName,
    readonly window: NormWindow,
  ) {
    this.lut = colormapLut(colormap);
  }

  /** The colormap table entry (0..255) of `v`: `colormapIndex(toUnit(v, window))`. */
  indexOf(v: number): number {
    return colormapIndex(toUnit(v, this.window));
  }

  /** Writes the colour of `v` as r, g, b at out[offset..offset+2]. */
  colorInto(v: number, out: Uint8Array, offset: number): void {
    const i = this.indexOf(v) * 3;
    out[offset] = this.lut[i]!;
    out[offset + 1] = this.lut[i + 1]!;
    out[offset + 2] = this.lut[i + 2]!;
  }
}
