import { resampleBilinear, type InputReport } from '@visor/core';
import { colormapIndex, cropResize, gridAxes, heatGrid, normalizeWindow, toUnit } from '@visor/renderers';
import type { DisplayCell, DisplayInput } from '../protocol.js';

/**
 * One input as the page draws it, computed here in the worker so the page only looks entries up in a
 * colormap and blends (as the HTML report's `reportData` does): the canvas is the heatmap's size enlarged to
 * the display width; each heatmap is resampled once to it (core's `resampleBilinear`), normalised (`auto`:
 * symmetric for signed maps, min-max otherwise) and turned into colormap table entries.
 */
export function displayInput(input: InputReport, index: number, displayWidth: number): DisplayInput {
  const heats = input.explanations.map((e) => heatGrid(e.heatmap, `${input.stem}: ${e.method} (class ${e.target.classIndex})`));
  const first = heats[0];
  const width = first ? Math.max(first.width, displayWidth) : displayWidth;
  const height = first ? Math.max(1, Math.round((width * first.height) / first.width)) : displayWidth;
  const cells = input.explanations.map((e, k): DisplayCell => {
    const heat = heats[k]!;
    const window = normalizeWindow(heat.data, e.heatmap.signed, 'auto', 99.5);
    const shown = resampleBilinear(
      { data: heat.data, width: heat.width, height: heat.height, channels: 1 },
      { x: 0, y: 0, width: heat.width, height: heat.height },
      width,
      height,
    );
    return {
      method: e.method,
      classIndex: e.target.classIndex,
      label: e.target.label ?? String(e.target.classIndex),
      score: e.target.score,
      scoreKind: e.target.scoreKind,
      layer: e.layer ?? null,
      meaning: e.heatmap.meaning,
      signed: e.heatmap.signed,
      width: heat.width,
      height: heat.height,
      values: heat.data.slice(),
      entries: Uint8Array.from(shown, (v) => colormapIndex(toUnit(v, window))),
    };
  });
  const base = first
    ? input.original
      ? cropResize(input.original, input.crop, width, height)
      : input.modelView
        ? cropResize(input.modelView, { x: 0, y: 0, width: input.modelView.width, height: input.modelView.height }, width, height)
        : null
    : null;
  const metrics = (input.metrics ?? []).flatMap((r) =>
    Object.entries(r.values).map(([name, value]) => ({ metric: r.metric, method: r.method, classIndex: r.classIndex, name, value, meaning: r.meaning })),
  );
  return { index, stem: input.stem, path: input.path, width, height, base, predictions: input.predictions, ...gridAxes(input.explanations), cells, metrics };
}
