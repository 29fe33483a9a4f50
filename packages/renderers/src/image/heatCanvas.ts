import { resampleBilinear, type InputReport } from '@visor/core';
import { colormapIndex } from '../colormap/colormap.js';
import { normalizeWindow, toUnit, type NormalizeMode } from '../normalize/normalizeWindow.js';
import { heatGrid, type HeatGrid } from './heatGrid.js';

/** An input's heatmaps as a page draws them: the canvas size, and per explanation its grid and colormap entries. */
export interface HeatCanvas {
  width: number;
  height: number;
  cells: { heat: HeatGrid; entries: Uint8Array }[];
}

/**
 * The canvas an input's maps are drawn on (the first heatmap's size, enlarged to `displayWidth` with its aspect;
 * displayWidth square when there are none) and, per explanation, the colormap table entry of each canvas pixel:
 * the heatmap resampled once to the canvas (bilinear) and normalised (`normalize`, `percentile`), so a page only
 * looks entries up in the chosen colormap and blends. The HTML report and the web app draw from it.
 */
export function heatCanvas(input: InputReport, displayWidth: number, normalize: NormalizeMode, percentile: number): HeatCanvas {
  const heats = input.explanations.map((e) => heatGrid(e.heatmap, `${input.stem}: ${e.method} (class ${e.target.classIndex})`));
  const [first] = heats;
  const width = first ? Math.max(first.width, displayWidth) : displayWidth;
  const height = first ? Math.max(1, Math.round((width * first.height) / first.width)) : displayWidth;
  const cells = input.explanations.map((e, k) => {
    const heat = heats[k]!; // one grid per explanation
    const window = normalizeWindow(heat.data, e.heatmap.signed, normalize, percentile);
    const grid = { data: heat.data, width: heat.width, height: heat.height, channels: 1 };
    const shown = resampleBilinear(grid, { x: 0, y: 0, width: heat.width, height: heat.height }, width, height);
    return { heat, entries: Uint8Array.from(shown, (v) => colormapIndex(toUnit(v, window))) };
  });
  return { width, height, cells };
}
