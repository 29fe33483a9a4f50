import type { InputReport } from '@visor/core';
import { gridAxes, heatCanvas, modelViewBase } from '@visor/renderers';
import type { DisplayCell, DisplayInput } from '../protocol.js';

/**
 * One input as the page draws it, computed here in the worker so the page only looks entries up in a colormap
 * and blends: renderers' heatCanvas (as the HTML report's `reportData`), normalised `auto` (symmetric for signed
 * maps, min-max otherwise) at the 99.5th percentile, and the picture as the heatmap sees it. Every buffer is
 * the message's own (they are transferred to the page).
 */
export function displayInput(input: InputReport, index: number, displayWidth: number): DisplayInput {
  const { width, height, cells: canvas } = heatCanvas(input, displayWidth, 'auto', 99.5);
  const cells = input.explanations.map((e, k): DisplayCell => {
    const { heat, entries } = canvas[k]!; // one cell per explanation
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
      entries,
    };
  });
  const view = cells.length > 0 ? modelViewBase(input, width, height) : null;
  // modelViewBase returns the model view itself when it already has the canvas size: copy it, it is transferred.
  const base = view && view === input.modelView ? { ...view, data: view.data.slice() } : view;
  const metrics = (input.metrics ?? []).flatMap((r) =>
    Object.entries(r.values).map(([name, value]) => ({ metric: r.metric, method: r.method, classIndex: r.classIndex, name, value, meaning: r.meaning })),
  );
  return { index, stem: input.stem, path: input.path, width, height, base, predictions: input.predictions, ...gridAxes(input.explanations), cells, metrics };
}
