import type { Explanation, ExplanationMap, InputReport, RunReport } from '@visor/core';

/** The schema id written in every document (`schema/explanation.schema.json` describes it). */
export const EXPLANATION_SCHEMA_ID = 'visor/explanation@1';

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

export interface ExplanationDocument {
  schema: typeof EXPLANATION_SCHEMA_ID;
  input: { path: string; stem: string; crop: InputReport['crop']; original: { width: number; height: number } | null };
  model: RunReport['model'];
  backend: string;
  preprocess: Record<string, unknown>;
  /** The run's explainers in the order they ran, with their options. */
  explainers: RunReport['explainers'];
  startedAt: string;
  predictions: { rank: number; classIndex: number; label: string; logit: number | null; probability: number | null }[];
  explanations: ExplanationJson[];
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

/** The `visor/explanation@1` document of one input. */
export function explanationDocument(report: RunReport, input: InputReport, includeExtras: boolean): ExplanationDocument {
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
    startedAt: report.startedAt,
    predictions: input.predictions.map((p, i) => ({
      rank: i + 1,
      classIndex: p.classIndex,
      label: p.label,
      logit: num(p.logit),
      probability: num(p.probability),
    })),
    explanations: input.explanations.map((e) => explanationJson(e, includeExtras)),
  };
}
