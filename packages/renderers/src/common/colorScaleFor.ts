import type { ExplanationMap } from '@visor/core';
import { resolveColormap } from '../colormap/colormap.js';
import { ColorScale } from '../image/ColorScale.js';
import { normalizeWindow, type NormalizeMode } from '../normalize/normalizeWindow.js';

/** The options every image renderer shares. */
export interface ColorOptions {
  colormap: string;
  normalize: NormalizeMode;
  percentile: number;
}

/** The colour scale for one map under the colormap / normalisation options. */
export function colorScaleFor(map: ExplanationMap, o: ColorOptions): ColorScale {
  return new ColorScale(resolveColormap(o.colormap, map.signed), normalizeWindow(map.data, map.signed, o.normalize, o.percentile));
}
