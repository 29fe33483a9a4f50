import type { MetricCurveSummary, RgbaImage } from '@visor/core';
import { blankImage } from '../image/blankImage.js';
import { blit } from '../image/blit.js';
import { drawText, fitText, textWidth } from '../font/drawText.js';
import { curvePanels, hexRgb, plotArea, tickLabel, toPlot, xName, type CurvePanel } from '../common/curvePanels.js';

type Rgba = readonly [number, number, number, number];
const AXIS: Rgba = [60, 60, 60, 255];
const GRID: Rgba = [225, 225, 225, 255];
const TEXT: Rgba = [20, 20, 20, 255];

function blend(img: RgbaImage, x: number, y: number, c: Rgba): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const o = (y * img.width + x) * 4;
  const a = c[3] / 255;
  for (let k = 0; k < 3; k++) img.data[o + k] = Math.round(img.data[o + k]! * (1 - a) + c[k]! * a);
}

function hline(img: RgbaImage, x0: number, x1: number, y: number, c: Rgba): void {
  for (let x = x0; x <= x1; x++) blend(img, x, y, c);
}
function vline(img: RgbaImage, x: number, y0: number, y1: number, c: Rgba): void {
  for (let y = y0; y <= y1; y++) blend(img, x, y, c);
}

/** A 2-pixel-wide segment: the 2×2 block at every point of the segment, sampled every ¼ pixel. */
function segment(img: RgbaImage, ax: number, ay: number, bx: number, by: number, c: Rgba, painted: Set<number>): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) * 4));
  for (let i = 0; i <= steps; i++) {
    const px = Math.round(ax + ((bx - ax) * i) / steps);
    const py = Math.round(ay + ((by - ay) * i) / steps);
    for (const [dx, dy] of [
      [0, 0],
      [-1, 0],
      [0, -1],
      [-1, -1],
    ]) {
      const key = (py + dy!) * img.width + px + dx!;
      if (painted.has(key)) continue; // opaque anyway; the set keeps translucent colours from stacking
      painted.add(key);
      blend(img, px + dx!, py + dy!, c);
    }
  }
}

/**
 * One panel: light grid at the y ticks, axes, tick labels (the x and y ends and middle), the title and axis
 * labels, each method's interval band (its colour at 20 % opacity between `low` and `high`, column by column)
 * and its mean curve (2 px, opaque), and a legend with each method's name and n.
 */
export function plotPanel(panel: CurvePanel, width: number, height: number): RgbaImage {
  const img = blankImage(width, height, [255, 255, 255, 255]);
  const a = plotArea(width, height);
  const [x0, x1] = panel.xRange;
  const [y0, y1] = panel.yRange;
  for (const t of [0, 0.5, 1]) {
    const y = Math.round(a.bottom - t * (a.bottom - a.top));
    hline(img, a.left, a.right, y, GRID);
    const label = tickLabel(y0 + t * (y1 - y0));
    drawText(img, label, a.left - 4 - textWidth(label), y - 3, { color: TEXT });
  }
  for (const t of [0, 0.5, 1]) {
    const x = Math.round(a.left + t * (a.right - a.left));
    vline(img, x, a.bottom, a.bottom + 3, AXIS);
    const v = x0 + t * (x1 - x0);
    const name = xName(panel, v);
    const label = fitText(name ?? tickLabel(v), (a.right - a.left) / 2 - 4);
    const at = t === 0 ? x : t === 1 ? x - textWidth(label) : x - textWidth(label) / 2;
    drawText(img, label, Math.round(at), a.bottom + 6, { color: TEXT });
  }
  drawText(img, fitText(panel.title, width - 8, 2), 4, 4, { color: TEXT, scale: 2 });
  drawText(img, fitText(`x: ${panel.xLabel}`, width - 8), 4, height - 11, { color: TEXT });
  drawText(img, fitText(`y: ${panel.yLabel}`, width - 8), 4, 22, { color: [90, 90, 90, 255] });

  for (const s of panel.series) {
    const [r, g, b] = hexRgb(s.color);
    // Band: for every pixel column between two x positions, the interpolated low..high span.
    for (let i = 0; i + 1 < s.x.length; i++) {
      const [la, ha, lb, hb] = [s.low[i], s.high[i], s.low[i + 1], s.high[i + 1]];
      if (la === null || ha === null || lb === null || hb === null) continue;
      const [pa] = toPlot(panel, width, height, s.x[i]!, 0);
      const [pb] = toPlot(panel, width, height, s.x[i + 1]!, 0);
      for (let px = Math.round(pa); px < Math.round(pb) || (i + 2 === s.x.length && px === Math.round(pb)); px++) {
        const t = pb === pa ? 0 : (px - pa) / (pb - pa);
        const [, top] = toPlot(panel, width, height, 0, Math.min(y1, ha! + (hb! - ha!) * t));
        const [, bottom] = toPlot(panel, width, height, 0, Math.max(y0, la! + (lb! - la!) * t));
        for (let py = Math.round(top); py <= Math.round(bottom); py++) blend(img, px, py, [r, g, b, 51]);
      }
    }
  }
  for (const s of panel.series) {
    const c: Rgba = [...hexRgb(s.color), 255];
    const painted = new Set<number>();
    for (let i = 0; i + 1 < s.x.length; i++) {
      if (!Number.isFinite(s.y[i]) || !Number.isFinite(s.y[i + 1])) continue;
      const [ax, ay] = toPlot(panel, width, height, s.x[i]!, s.y[i]!);
      const [bx, by] = toPlot(panel, width, height, s.x[i + 1]!, s.y[i + 1]!);
      segment(img, ax, ay, bx, by, c, painted);
    }
  }
  hline(img, a.left, a.right, a.bottom, AXIS);
  vline(img, a.left, a.top, a.bottom, AXIS);
  // Legend, top right inside the plot: a swatch and "method (n=…)" per series.
  panel.series.forEach((s, k) => {
    const text = `${s.method} (n=${s.n})`;
    const x = a.right - textWidth(text) - 16;
    const y = a.top + 4 + k * 11;
    for (let dy = 0; dy < 7; dy++) hline(img, x, x + 9, y + dy, [...hexRgb(s.color), 255]);
    drawText(img, text, x + 13, y, { color: TEXT, background: [255, 255, 255, 200] });
  });
  return img;
}

/** Every panel of the run's mean curves in a grid of up to `columns` panels a row; null when there is no curve. */
export function plotCurves(curves: readonly MetricCurveSummary[], panelWidth = 360, panelHeight = 240, columns = 2): RgbaImage | null {
  const panels = curvePanels(curves);
  if (!panels.length) return null;
  const cols = Math.min(columns, panels.length);
  const rows = Math.ceil(panels.length / cols);
  const out = blankImage(cols * panelWidth, rows * panelHeight, [255, 255, 255, 255]);
  panels.forEach((p, i) => blit(out, plotPanel(p, panelWidth, panelHeight), (i % cols) * panelWidth, Math.floor(i / cols) * panelHeight));
  return out;
}
