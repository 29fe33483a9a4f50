import type { InputReport, RankedClass, RgbaImage, RunInfo, RunReport } from '@visor/core';
import { COLORMAP_NAMES, colormapLut } from '../colormap/colormap.js';
import { explanationStems } from '../common/explanationStems.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { heatCanvas } from '../image/heatCanvas.js';
import type { NormalizeMode } from '../normalize/normalizeWindow.js';
import { gridAxes } from '../png/renderGrid.js';
import { base64, float32Base64 } from './base64.js';

export { float32Base64 };

/** Turns a picture into a URL an <img> can load (a PNG data URL in Node; a canvas's `toDataURL` in a browser). */
export type ImageUrl = (image: RgbaImage) => string;

/**
 * One heatmap as the page gets it: its float32 values (little-endian, base64) for the hover readout,
 * and what to draw: the colormap table entry of every canvas pixel (one byte each, base64), from the
 * heatmap resampled once to the canvas size and normalised here, as the PNG overlays are. The page
 * only looks the entries up in the chosen colormap and blends.
 */
export interface ReportExplanation {
  id: string;
  method: string;
  layer: string | null;
  classIndex: number;
  label: string;
  score: number;
  scoreKind: string;
  meaning: string;
  signed: boolean;
  width: number;
  height: number;
  range: [number, number];
  values: string;
  /** `colormapIndex(toUnit(v, window))` of each canvas pixel's resampled value, row-major, base64. */
  entries: string;
}

export interface ReportInput {
  stem: string;
  path: string;
  /** Canvas size: the heatmap's size, enlarged to the display width when smaller (same aspect). */
  width: number;
  height: number;
  /** The picture as the model saw it (the crop of the original), as a PNG data URL at width × height; null without a picture. */
  base: string | null;
  predictions: RankedClass[];
  classes: number[];
  methods: string[];
  explanations: ReportExplanation[];
  /** What the run's metrics measured on this input (values and curves), in the run's order. */
  metrics: ReportMetric[];
}

/** One metric result of an input, as the page shows it. */
export interface ReportMetric {
  metric: string;
  method: string;
  classIndex: number;
  values: Record<string, number | null>;
  curves: Record<string, { x: number[]; y: number[]; xLabel: string; yLabel: string; xNames?: string[] }>;
  meaning: string;
}

export interface ReportData {
  model: RunReport['model'];
  backend: string;
  startedAt: string;
  colormaps: Record<string, number[]>;
  inputs: ReportInput[];
  failures: RunReport['failures'];
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * One input as the page draws it: the picture at the canvas size, each heatmap's exact values and
 * colormap entries, the predictions and the metric results. Pure (no Node API): the browser app builds
 * the same data. `imageUrl` encodes the picture.
 */
export function inputData(input: InputReport, normalize: NormalizeMode, percentile: number, displayWidth: number, imageUrl: ImageUrl): ReportInput {
  const stems = explanationStems(input.explanations);
  const { width, height, cells } = heatCanvas(input, displayWidth, normalize, percentile);
  const explanations = input.explanations.map((e, k): ReportExplanation => {
    const { heat, entries } = cells[k]!; // one cell per explanation
    return {
      id: stems[k]!,
      method: e.method,
      layer: e.layer ?? null,
      classIndex: e.target.classIndex,
      label: e.target.label ?? input.predictions.find((p) => p.classIndex === e.target.classIndex)?.label ?? String(e.target.classIndex),
      score: e.target.score,
      scoreKind: e.target.scoreKind,
      meaning: e.heatmap.meaning,
      signed: e.heatmap.signed,
      width: heat.width,
      height: heat.height,
      range: e.heatmap.range,
      values: float32Base64(heat.data),
      entries: base64(entries),
    };
  });
  const base = cells.length > 0 ? modelViewBase(input, width, height) : null;
  return {
    stem: input.stem,
    path: input.path,
    width,
    height,
    base: base ? imageUrl(base) : null,
    predictions: input.predictions,
    ...gridAxes(input.explanations),
    explanations,
    metrics: (input.metrics ?? []).map((m) => ({
      metric: m.metric,
      method: m.method,
      classIndex: m.classIndex,
      values: Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, num(v)])),
      curves: Object.fromEntries(
        Object.entries(m.curves ?? {}).map(([k, c]) => [
          k,
          { x: [...c.x], y: [...c.y], xLabel: c.xLabel, yLabel: c.yLabel, ...(c.xNames ? { xNames: [...c.xNames] } : {}) },
        ]),
      ),
      meaning: m.meaning,
    })),
  };
}

/** The colormap tables the page looks entries up in (256 RGB triples each, flattened). */
export function colormapTables(): Record<string, number[]> {
  const colormaps: Record<string, number[]> = {};
  for (const name of COLORMAP_NAMES) colormaps[name] = Array.from(colormapLut(name));
  return colormaps;
}

/** Everything a report page draws, as one JSON-able object: the run's facts and the given inputs. */
export function reportData(
  report: RunInfo & { inputs: InputReport[]; failures?: RunReport['failures'] },
  normalize: NormalizeMode,
  percentile: number,
  displayWidth: number,
  imageUrl: ImageUrl,
): ReportData {
  return {
    model: report.model,
    backend: report.backend,
    startedAt: report.startedAt,
    colormaps: colormapTables(),
    inputs: report.inputs.map((input) => inputData(input, normalize, percentile, displayWidth, imageUrl)),
    failures: report.failures ?? [],
  };
}
