import type { Explanation, InputReport, RgbaImage } from '@visor/core';
import { colorScaleFor, type ColorOptions } from '../common/colorScaleFor.js';
import { formatScore } from '../common/formatScore.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { drawText, fitText, textHeight } from '../font/drawText.js';
import { blankImage } from '../image/blankImage.js';
import { blit } from '../image/blit.js';
import { heatGrid } from '../image/heatGrid.js';
import { heatmapImage } from '../image/heatmapImage.js';
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
  const first = heatGrid(ex[0].heatmap, `${input.stem}: ${ex[0].method}`);
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
      const cs = colorScaleFor(e.heatmap, o);
      // The heatmap covers the whole tile (the tile is the crop the model saw).
      const fitted = base ? overlayHeatmap(base, heat, { x: 0, y: 0, width: tw, height: th }, cs, o.alpha) : resizeTo(heatmapImage(heat, cs), tw, th);
      blit(out, fitted, x, y);
      label(e.target.label ?? name, x, y);
      label(formatScore(e.target.score, e.target.scoreKind), x, y + th - textHeight(scale) - 2 * pad);
    });
  });
  return out;
}

function resizeTo(img: RgbaImage, w: number, h: number): RgbaImage {
  if (img.width === w && img.height === h) return img;
  // Nearest neighbour keeps the map's cells visible when there is no picture underneath.
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(((y + 0.5) * img.height) / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(((x + 0.5) * img.width) / w));
      out.set(img.data.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4), (y * w + x) * 4);
    }
  }
  return { width: w, height: h, data: out };
}
