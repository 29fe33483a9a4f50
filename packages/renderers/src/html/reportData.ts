import type { InputReport, RankedClass, RunReport } from '@visor/core';
import { COLORMAP_NAMES, colormapLut } from '../colormap/colormap.js';
import { explanationStems } from '../common/explanationStems.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { encodePng } from '../image/encodePng.js';
import { heatGrid } from '../image/heatGrid.js';
import { normalizeWindow, type NormalizeMode, type NormWindow } from '../normalize/normalizeWindow.js';
import { gridAxes } from '../png/renderGrid.js';

/** One heatmap as the page gets it: float32 values little-endian in base64, with its window. */
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
  window: NormWindow;
  values: string;
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
  const explanations = input.explanations.map((e, k): ReportExplanation => {
    const heat = heatGrid(e.heatmap, `${input.stem}: ${e.method} (class ${e.target.classIndex})`);
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
      window: normalizeWindow(heat.data, e.heatmap.signed, normalize, percentile),
      values: float32Base64(heat.data),
    };
  });
  const first = explanations[0];
  const width = first ? Math.max(first.width, displayWidth) : displayWidth;
  const height = first ? Math.max(1, Math.round((width * first.height) / first.width)) : displayWidth;
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
