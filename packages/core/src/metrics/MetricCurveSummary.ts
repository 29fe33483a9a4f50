/** The mean of one named curve of one metric for one method over a run's results, point by point. */
export interface MetricCurveSummary {
  method: string;
  metric: string;
  /** The curve's name within the metric's results (e.g. `deletion`, `morf`). */
  curve: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  xNames?: string[];
  /** Number of curves averaged (those with the same x as the first). */
  n: number;
  /** Curves left out because their x positions differ from the first curve's. */
  skipped: number;
  mean: number[];
  /** Confidence level of the interval (0.95). */
  level: number;
  /** Pointwise Student-t interval of the mean; null where fewer than two finite values. */
  low: (number | null)[];
  high: (number | null)[];
}
