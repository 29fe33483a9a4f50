import type { MetricCurveSummary } from '@visor/core';
import { schemeCategory10 } from 'd3-scale-chromatic';

/** One method's mean curve in a panel, with its interval band when it has one. */
export interface CurveSeries {
  method: string;
  /** `#rrggbb`: d3's category10, by the method's position among the run's methods. */
  color: string;
  n: number;
  x: number[];
  y: number[];
  low: (number | null)[];
  high: (number | null)[];
}

/** One plot: a metric's curve for every method, on shared axes. */
export interface CurvePanel {
  /** `deletion`, or `road: morf` when a metric traces several curves. */
  title: string;
  xLabel: string;
  yLabel: string;
  /** Names of the x positions when they are categories (the layers of the sanity check). */
  xNames?: string[];
  xRange: [number, number];
  yRange: [number, number];
  series: CurveSeries[];
}

/** `#rrggbb` → [r, g, b]. */
export const hexRgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/**
 * The run's mean metric curves grouped into panels, one per (metric, curve name), in order of first
 * appearance; each method keeps one colour across panels. The y range is [0, 1] when every mean and
 * bound lies in it (probabilities, shares), else the data's range padded by 5 %; the x range is the data's.
 */
export function curvePanels(curves: readonly MetricCurveSummary[]): CurvePanel[] {
  const methods: string[] = [];
  for (const c of curves) if (!methods.includes(c.method)) methods.push(c.method);
  const panels = new Map<string, CurvePanel>();
  for (const c of curves) {
    const several = curves.some((o) => o.metric === c.metric && o.curve !== c.curve);
    const title = several ? `${c.metric}: ${c.curve}` : c.metric;
    let panel = panels.get(title);
    if (!panel) {
      panel = { title, xLabel: c.xLabel, yLabel: c.yLabel, ...(c.xNames ? { xNames: [...c.xNames] } : {}), xRange: [0, 0], yRange: [0, 0], series: [] };
      panels.set(title, panel);
    }
    panel.series.push({
      method: c.method,
      color: schemeCategory10[methods.indexOf(c.method) % schemeCategory10.length]!,
      n: c.n,
      x: [...c.x],
      y: [...c.mean],
      low: [...c.low],
      high: [...c.high],
    });
  }
  for (const p of panels.values()) {
    const xs = p.series.flatMap((s) => s.x).filter(Number.isFinite);
    const ys = p.series.flatMap((s) => [...s.y, ...s.low, ...s.high]).filter((v): v is number => v !== null && Number.isFinite(v));
    p.xRange = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
    if (p.xRange[0] === p.xRange[1]) p.xRange = [p.xRange[0] - 0.5, p.xRange[1] + 0.5];
    const lo = ys.length ? Math.min(...ys) : 0;
    const hi = ys.length ? Math.max(...ys) : 1;
    if (lo >= 0 && hi <= 1) p.yRange = [0, 1];
    else {
      const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
      p.yRange = [lo - pad, hi + pad];
    }
  }
  return [...panels.values()];
}

/** The plot area inside a panel of width × height, in pixels: left, top, right, bottom edges. */
export function plotArea(width: number, height: number): { left: number; top: number; right: number; bottom: number } {
  return { left: 48, top: 34, right: width - 12, bottom: height - 30 };
}

/** Where a data point lands in a panel of width × height (pixel coordinates, not rounded). */
export function toPlot(panel: CurvePanel, width: number, height: number, x: number, y: number): [number, number] {
  const a = plotArea(width, height);
  const [x0, x1] = panel.xRange;
  const [y0, y1] = panel.yRange;
  return [a.left + ((x - x0) / (x1 - x0)) * (a.right - a.left), a.bottom - ((y - y0) / (y1 - y0)) * (a.bottom - a.top)];
}

/** A short label for an axis tick: up to 3 significant digits. */
export const tickLabel = (v: number): string => (Math.abs(v) < 1e-12 ? '0' : Number(v.toPrecision(3)).toString());

/** The category name at x position `v` (the sanity check's layer names), when the panel has names and `v` is one of its positions. */
export function xName(panel: CurvePanel, v: number): string | undefined {
  if (!panel.xNames) return undefined;
  const i = panel.series[0]?.x.indexOf(v) ?? -1;
  return i >= 0 ? panel.xNames[i] : undefined;
}
