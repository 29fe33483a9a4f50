/** One line of a run's metric table: one named value of one metric for one method, over the run's inputs. */
export interface MetricSummaryRow {
  /** The explainer id. */
  method: string;
  /** The metric id. */
  metric: string;
  /** The value's name within the metric's results (e.g. `auc`). */
  value: string;
  /** True for the metric's headline value (the first one of its results). */
  headline: boolean;
  /** The metric's `meaning` (what the headline means, which way is better), from its first result. */
  meaning: string;
  /** Number of results with a finite value (one per explained input × target). */
  n: number;
  /** Results whose value was missing or not finite; left out of the statistics. */
  missing: number;
  mean: number;
  /** Sample standard deviation; null for n < 2. */
  sd: number | null;
  /** Confidence level of the interval (0.95). */
  level: number;
  /** Student-t interval for the mean; null for n < 2. */
  low: number | null;
  high: number | null;
}
