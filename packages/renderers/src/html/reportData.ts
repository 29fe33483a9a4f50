import { resampleBilinear, type InputReport, type RankedClass, type RunReport } from '@visor/core';
import { COLORMAP_NAMES, colormapIndex, colormapLut } from '../colormap/colormap.js';
import { explanationStems } from '../common/explanationStems.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { encodePng } from '../image/encodePng.js';
import { heatGrid } from '../image/heatGrid.js';
import { normalizeWindow, toUnit, type NormalizeMode } from '../normalize/normalizeWindow.js';
import { gridAxes } from '../png/renderGrid.js';

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
}

export interface ReportData {
  model: RunReport['model'];
  backend: string;
  startedAt: string;
  colormaps: Record<string, number[]>;
  inputs: ReportInput[];
  failures: RunReport['failures'];
}

/** Float32 values as little-endian bytes in base64 (4 bytes each, exact). */
export function float32Base64(data: Float32Array): string {
  const buf = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) buf.writeFloatLE(data[i], i * 4);
  return buf.toString('base64');
}

function inputData(input: InputReport, normalize: NormalizeMode, percentile: number, displayWidth: number): ReportInput {
  const stems = explanationStems(input.explanations);
  const heats = input.explanations.map((e) => heatGrid(e.heatmap, `${input.stem}: ${e.method} (class ${e.target.classIndex})`));
  // The canvas: the first heatmap's size, enlarged to the display width when smaller (same aspect).
  const first = heats[0];
  const width = first ? Math.max(first.width, displayWidth) : displayWidth;
  const height = first ? Math.max(1, Math.round((width * first.height) / first.width)) : displayWidth;
  const explanations = input.explanations.map((e, k): ReportExplanation => {
    const heat = heats[k];
    const window = normalizeWindow(heat.data, e.heatmap.signed, normalize, percentile);
    const grid = { data: heat.data, width: heat.width, height: heat.height, channels: 1 };
    const shown = resampleBilinear(grid, { x: 0, y: 0, width: heat.width, height: heat.height }, width, height);
    const entries = Uint8Array.from(shown, (v) => colormapIndex(toUnit(v, window)));
    return {
      id: stems[k],
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
      entries: Buffer.from(entries.buffer, entries.byteOffset, entries.byteLength).toString('base64'),
    };
  });
  const base = first ? modelViewBase(input, width, height) : null;
  return {
    stem: input.stem,
    path: input.path,
    width,
    height,
    base: base ? `data:image/png;base64,${Buffer.from(encodePng(base)).toString('base64')}` : null,
    predictions: input.predictions,
    ...gridAxes(input.explanations),
    explanations,
  };
}

/** Everything the report page draws, as one JSON-able object. */
export function reportData(report: RunReport, normalize: NormalizeMode, percentile: number, displayWidth: number): ReportData {
  const colormaps: Record<string, number[]> = {};
  for (const name of COLORMAP_NAMES) colormaps[name] = Array.from(colormapLut(name));
  return {
    model: report.model,
    backend: report.backend,
    startedAt: report.startedAt,
    colormaps,
    inputs: report.inputs.map((input) => inputData(input, normalize, percentile, displayWidth)),
    failures: report.failures,
  };
}
