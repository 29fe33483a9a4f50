import type { Explanation } from './Explanation.js';
import type { MetricResult } from './Metric.js';
import type { RgbaImage } from './RgbaImage.js';
import type { ScoreKind } from './ScoreKind.js';
import type { MetricCurveSummary } from '../metrics/MetricCurveSummary.js';
import type { MetricSummaryRow } from '../metrics/MetricSummaryRow.js';

/** One ranked class of a prediction. */
export interface RankedClass {
  classIndex: number;
  label: string;
  logit: number;
  probability: number;
}

/** Everything known about one input after the explainers ran. */
export interface InputReport {
  /** The input file as given (resolved path). */
  path: string;
  /** File name without extension, made safe for output names; unique within a run. */
  stem: string;
  /** The original picture at its own resolution (null for .npy inputs that are not images). */
  original: RgbaImage | null;
  /** The picture as the model saw it (resized / cropped, before normalisation), at the model's input size. */
  modelView: RgbaImage | null;
  /** The region of `original` that was resized into the model input: x, y, width, height in original pixels. */
  crop: { x: number; y: number; width: number; height: number };
  /** Top classes, best first (at least the explained ones). */
  predictions: RankedClass[];
  explanations: Explanation[];
  /** What the run's metrics measured on this input's explanations (`inputIndex` = the input's position in the run). */
  metrics?: MetricResult[];
}

/** An input that could not be used, and why. */
export interface InputFailure {
  path: string;
  message: string;
}

/** What a run is, without any input: the facts every output of the run shares. */
export interface RunInfo {
  /** `name` is the model's name when the config names several. */
  model: { name?: string; source: string; format: string; inputShape: (number | null)[]; numClasses: number; finalActivation: string };
  /** What ran the model (`onnx`, `wasm`, …) and why it was chosen. */
  backend: string;
  backendReason?: string;
  /** A description of the preprocessing, as resolved from the config. */
  preprocess: Record<string, unknown>;
  /** Explainers in the order they ran, with their options. */
  explainers: { id: string; options: Record<string, unknown> }[];
  /** Metrics in the order they ran, with their options (absent or empty when the config has none). */
  metrics?: { id: string; options: Record<string, unknown> }[];
  /** ISO time of the run's start (of its first session, when it was resumed). */
  startedAt: string;
}

/** A whole run held in memory, pixels and maps included (the `render` of a renderer receives it). */
export interface RunReport extends RunInfo {
  inputs: InputReport[];
  failures: InputFailure[];
}

/**
 * The numbers of one explanation that an index row or a table shows. `min`, `max` and `mean` are over the
 * heatmap's finite values (NaN when it has none); `peak` is the model-input pixel (x, y) of its largest
 * value, the first in row-major order on ties.
 */
export interface ExplanationSummary {
  method: string;
  layer: string | null;
  classIndex: number;
  label: string;
  score: number;
  scoreKind: ScoreKind;
  min: number;
  max: number;
  mean: number;
  peak: { x: number; y: number };
  /** The explainer's own numbers (`Explanation.stats`). */
  stats: Record<string, number>;
}

/** A completed input as the summary step sees it: its numbers, no pixel data. */
export interface InputSummary {
  /** Position of the input in the run's input list. */
  index: number;
  path: string;
  stem: string;
  /** Top classes, best first. */
  predictions: RankedClass[];
  /** The classes explained, in target order (top-k order, or as the config lists them). */
  targets: number[];
  explanations: ExplanationSummary[];
  /** The metrics' results on this input (`inputIndex` = `index`), curves included; empty without metrics. */
  metrics: MetricResult[];
}

/**
 * What the summary step of a streamed run gets: every completed input's summary (in input order, from
 * this session and from earlier ones of a resumed run), the failures, and the run-level metric table.
 */
export interface RunSummary extends RunInfo {
  inputs: InputSummary[];
  failures: InputFailure[];
  /** Inputs in the run, whether done or not (more than inputs + failures after an interruption). */
  total: number;
  /** Per (method, metric, value): mean and 95 % interval over the inputs' results (`summarizeMetrics`). */
  metricTable: MetricSummaryRow[];
  /** Per (method, metric, curve): pointwise mean curve and interval (`summarizeMetricCurves`). */
  metricCurves: MetricCurveSummary[];
}
