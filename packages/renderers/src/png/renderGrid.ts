import type { Explanation, InputReport, RgbaImage } from '@visor/core';
import { colorScaleFor, type ColorOptions } from '../common/colorScaleFor.js';
import { formatScore } from '../common/formatScore.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { drawText, fitText, textHeight } from '../font/drawText.js';
import { blankImage } from '../image/blankImage.js';
import { blit } from '../image/blit.js';
import { heatGrid } from '../image/heatGrid.js';
import { overlayHeatmap } from '../image/overlayHeatmap.js';

export interface GridOptions extends ColorOptions {
  alpha: number;
  tileSize: number;
}

const GAP = 4;
const BG = [32, 32, 32, 255] as const;
const LABEL_BG = [0, 0, 0, 200] as const;
const WHITE = [255, 255, 255, 255] as const;

/** Rows (classes in the order they are first explained) and columns (methods in the order they ran). */
export function gridAxes(explanations: readonly Explanation[]): { classes: number[]; methods: string[] } {
  const classes: number[] = [];
  const methods: string[] = [];
  for (const e of explanations) {
    if (!classes.includes(e.target.classIndex)) classes.push(e.target.classIndex);
    if (!methods.includes(e.method)) methods.push(e.method);
  }
  return { classes, methods };
}

/**
 * The methods × classes grid of one input (the seed paper's Figure 6): one row per explained
 * class, the input picture on the left with the class label and its probability, then one tile per
 * method with the heatmap over the picture, the label and the method's score written on it. A
 * header row names the columns. Null when the input has no explanations.
 */
export function renderGrid(input: InputReport, o: GridOptions): RgbaImage | null {
  const ex = input.explanations;
  if (ex.length === 0) return null;
  const { classes, methods } = gridAxes(ex);
  const first = heatGrid(ex[0]!.heatmap, `${input.stem}: ${ex[0]!.method}`);
  const tw = o.tileSize;
  const th = Math.max(1, Math.round((tw * first.height) / first.width));
  const scale = tw >= 200 ? 2 : 1;
  const pad = 2 * scale;
  const headerH = textHeight(scale) + 2 * pad + GAP;
  const cols = methods.length + 1;
  const out = blankImage(GAP + cols * (tw + GAP), headerH + classes.length * (th + GAP), BG);
  const cellX = (col: number) => GAP + col * (tw + GAP);
  const cellY = (row: number) => headerH + row * (th + GAP);
  const base = modelViewBase(input, tw, th);
  const label = (text: string, x: number, y: number) =>
    drawText(out, fitText(text, tw - 2 * pad, scale), x + pad, y + pad, { scale, color: WHITE, background: LABEL_BG });

  ['input', ...methods].forEach((name, col) => drawText(out, fitText(name, tw, scale), cellX(col), pad, { scale, color: WHITE }));

  classes.forEach((classIndex, row) => {
    const y = cellY(row);
    const pred = input.predictions.find((p) => p.classIndex === classIndex);
    const anyEx = ex.find((e) => e.target.classIndex === classIndex);
    const name = pred?.label ?? anyEx?.target.label ?? String(classIndex);
    blit(out, base ?? blankImage(tw, th, [0, 0, 0, 255]), cellX(0), y);
    label(name, cellX(0), y);
    if (pred) label(formatScore(pred.probability, 'probability'), cellX(0), y + th - textHeight(scale) - 2 * pad);
    methods.forEach((method, m) => {
      const x = cellX(m + 1);
      const e = ex.find((c) => c.method === method && c.target.classIndex === classIndex);
      if (!e) {
        label('n/a', x, y);
        return;
      }
      const heat = heatGrid(e.heatmap, `${input.stem}: ${e.method}`);
      // The heatmap covers the whole tile (the tile is the crop the model saw); without a picture
      // it is drawn opaque. Either way it is resampled once, from its own size to the tile's.
      const tile = { x: 0, y: 0, width: tw, height: th };
      blit(out, overlayHeatmap(base ?? blankImage(tw, th), heat, tile, colorScaleFor(e.heatmap, o), base ? o.alpha : 1), x, y);
      label(e.target.label ?? name, x, y);
      label(formatScore(e.target.score, e.target.scoreKind), x, y + th - textHeight(scale) - 2 * pad);
    });
  });
  return out;
}
