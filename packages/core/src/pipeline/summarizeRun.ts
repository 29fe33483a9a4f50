import type { InputFailure, InputSummary, RunInfo, RunReport, RunSummary } from '../contracts/RunReport.js';
import { summarizeMetricCurves } from '../metrics/summarizeMetricCurves.js';
import { summarizeMetrics } from '../metrics/summarizeMetrics.js';
import { summarizeInput } from './summarizeInput.js';

/** The summary of a run from its completed inputs' summaries: adds the run-level metric table and mean curves. */
export function summarizeRun(info: RunInfo, inputs: InputSummary[], failures: InputFailure[], total: number): RunSummary {
  const results = inputs.flatMap((i) => i.metrics);
  return {
    ...info,
    inputs,
    failures,
    total,
    metricTable: summarizeMetrics(results),
    metricCurves: summarizeMetricCurves(results),
  };
}

/** The summary of a run held in memory (what a streaming renderer's `render` hands to `renderSummary`). */
export function summarizeReport(report: RunReport): RunSummary {
  const { inputs, failures, ...info } = report;
  return summarizeRun(
    info,
    inputs.map((input, i) => summarizeInput(input, i)),
    failures,
    inputs.length + failures.length,
  );
}
