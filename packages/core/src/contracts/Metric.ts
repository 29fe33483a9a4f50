import type { Explanation } from './Explanation.js';
import type { JsonSchema } from './JsonSchema.js';
import type { NdArray } from './NdArray.js';
import type { Predictions } from './Predictions.js';
import type { ProgressReporter } from './ProgressEvent.js';
import type { VisorModel } from './VisorModel.js';

/** A curve a metric traced, e.g. the target's probability against the fraction of pixels deleted. */
export interface MetricCurve {
  x: number[];
  y: number[];
  xLabel: string;
  yLabel: string;
  /** Names for the x positions when they are categories (e.g. the layers randomised so far). */
  xNames?: string[];
}

/** One metric's verdict on one explanation (method × input × target). */
export interface MetricResult {
  /** The metric id (`deletion`, `insertion`, `road`, `pointing-game`, `sanity-model`, …). */
  metric: string;
  /** The explainer id whose explanation was measured. */
  method: string;
  /** Index of the input in the batch the metric was given. */
  inputIndex: number;
  classIndex: number;
  /** Named numbers, e.g. `{ auc: 0.31 }`; the first is the headline shown in tables. */
  values: Record<string, number>;
  curves?: Record<string, MetricCurve>;
  /** What the headline number means and which way is better, in words. */
  meaning: string;
}

/** Everything a metric gets for one batch, after the explainers ran. */
export interface MetricContext<O = Record<string, unknown>> {
  model: VisorModel;
  /** The preprocessed batch [N, H, W, C] the explainers saw. */
  input: NdArray;
  targets: number[][];
  predictions: Predictions;
  /** The batch's explanations, every explainer of the run, `inputIndex` relative to the batch. */
  explanations: Explanation[];
  /** Per input, a ground-truth mask [H, W] at the model's input size (1 inside), or null (config `masks:`). */
  masks: (NdArray | null)[];
  /** Options validated against `optionsSchema`, with `defaults` applied. */
  options: O;
  label(classIndex: number): string;
  progress: ProgressReporter;
  signal: AbortSignal;
  /**
   * Runs one of the run's explainers again, with its options, on another model (e.g. a copy with
   * randomised weights) or input; `inputIndex` of what it returns is relative to `input`.
   */
  reexplain(method: string, model: VisorModel, input: NdArray, targets: number[][]): Promise<Explanation[]>;
}

/**
 * A measure of how faithful or plausible explanations are. Contract: frees what it allocates (the
 * model's `memory()` unchanged), never changes the model, returns results ordered by explanation.
 */
export interface Metric<O = Record<string, unknown>> {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: O;
  evaluate(ctx: MetricContext<O>): Promise<MetricResult[]>;
}
