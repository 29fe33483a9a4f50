import type { Explanation, ExplanationMap, InputReport, MetricResult, RunInfo } from '@visor/core';

/** The schema id written in every document (`schema/explanation.schema.json` describes it). */
export const EXPLANATION_SCHEMA_ID = 'visor/explanation@2';

/** JSON form of a map: float32 values as plain numbers (exact), non-finite values as null. */
export interface MapJson {
  shape: number[];
  range: [number | null, number | null];
  signed: boolean;
  meaning: string;
  data?: (number | null)[];
}

export interface ExplanationJson {
  method: string;
  options: Record<string, unknown>;
  target: { classIndex: number; label: string | null; score: number | null; scoreKind: string };
  layer: string | null;
  raw: MapJson;
  heatmap: MapJson;
  extras: Record<string, MapJson>;
  stats: Record<string, number | null>;
}

/** One metric's verdict on one explanation of the input, with its curves. */
export interface MetricResultJson {
  metric: string;
  method: string;
  classIndex: number;
  values: Record<string, number | null>;
  curves: Record<string, { x: (number | null)[]; y: (number | null)[]; xLabel: string; yLabel: string; xNames?: string[] }>;
  meaning: string;
}

/**
 * One input of a run. Deterministic: the same run gives the same bytes (no time stamps), so a resumed run's
 * documents equal an uninterrupted run's.
 */
export interface ExplanationDocument {
  schema: typeof EXPLANATION_SCHEMA_ID;
  input: { path: string; stem: string; crop: InputReport['crop']; original: { width: number; height: number } | null };
  model: RunInfo['model'];
  backend: string;
  preprocess: Record<string, unknown>;
  /** The run's explainers in the order they ran, with their options. */
  explainers: RunInfo['explainers'];
  /** The run's metrics in the order they ran, with their options (empty without metrics). */
  metrics: NonNullable<RunInfo['metrics']>;
  predictions: { rank: number; classIndex: number; label: string; logit: number | null; probability: number | null }[];
  explanations: ExplanationJson[];
  /** What the metrics measured on this input's explanations (empty without metrics). */
  metricResults: MetricResultJson[];
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Float32 values become JS numbers holding exactly the float32 value; `JSON.stringify` prints the
 * shortest decimal that reads back as that double, and `Math.fround` of it is the same float32.
 */
export function mapJson(m: ExplanationMap, withData: boolean): MapJson {
  const out: MapJson = { shape: [...m.shape], range: [num(m.range[0]), num(m.range[1])], signed: m.signed, meaning: m.meaning };
  if (withData) out.data = Array.from(m.data, num);
  return out;
}

function explanationJson(e: Explanation, includeExtras: boolean): ExplanationJson {
  const extras: Record<string, MapJson> = {};
  for (const [k, m] of Object.entries(e.extras ?? {})) extras[k] = mapJson(m, includeExtras);
  const stats: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(e.stats ?? {})) stats[k] = num(v);
  return {
    method: e.method,
    options: e.options,
    target: { classIndex: e.target.classIndex, label: e.target.label ?? null, score: num(e.target.score), scoreKind: e.target.scoreKind },
    layer: e.layer ?? null,
    raw: mapJson(e.raw, true),
    heatmap: mapJson(e.heatmap, true),
    extras,
    stats,
  };
}

function metricResultJson(r: MetricResult): MetricResultJson {
  const curves: MetricResultJson['curves'] = {};
  for (const [name, c] of Object.entries(r.curves ?? {})) {
    curves[name] = { x: c.x.map(num), y: c.y.map(num), xLabel: c.xLabel, yLabel: c.yLabel, ...(c.xNames ? { xNames: [...c.xNames] } : {}) };
  }
  const values: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(r.values)) values[k] = num(v);
  return { metric: r.metric, method: r.method, classIndex: r.classIndex, values, curves, meaning: r.meaning };
}

/** The `visor/explanation@2` document of one input. */
export function explanationDocument(report: RunInfo, input: InputReport, includeExtras: boolean): ExplanationDocument {
  return {
    schema: EXPLANATION_SCHEMA_ID,
    input: {
      path: input.path,
      stem: input.stem,
      crop: { ...input.crop },
      original: input.original ? { width: input.original.width, height: input.original.height } : null,
    },
    model: report.model,
    backend: report.backend,
    preprocess: report.preprocess,
    explainers: report.explainers,
    metrics: report.metrics ?? [],
    predictions: input.predictions.map((p, i) => ({
      rank: i + 1,
      classIndex: p.classIndex,
      label: p.label,
      logit: num(p.logit),
      probability: num(p.probability),
    })),
    explanations: input.explanations.map((e) => explanationJson(e, includeExtras)),
    metricResults: (input.metrics ?? []).map(metricResultJson),
  };
}
