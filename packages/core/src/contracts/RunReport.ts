import type { Explanation } from './Explanation.js';
import type { MetricResult } from './Metric.js';
import type { RgbaImage } from './RgbaImage.js';

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

/** The result of a pipeline run, handed to every renderer. */
export interface RunReport {
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
  inputs: InputReport[];
  failures: InputFailure[];
  /** ISO time of the run's start. */
  startedAt: string;
}
