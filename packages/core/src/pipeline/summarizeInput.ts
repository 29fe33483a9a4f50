import type { Explanation } from '../contracts/Explanation.js';
import type { ExplanationSummary, InputReport, InputSummary } from '../contracts/RunReport.js';

/** The index-row numbers of one explanation: range, mean and peak of its heatmap, and the explainer's stats. */
export function summarizeExplanation(e: Explanation): ExplanationSummary {
  const { data, shape } = e.heatmap;
  const width = shape[1] ?? 1;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let best = -1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) {
      max = v;
      best = i;
    }
    sum += v;
    n++;
  }
  return {
    method: e.method,
    layer: e.layer ?? null,
    classIndex: e.target.classIndex,
    label: e.target.label ?? String(e.target.classIndex),
    score: e.target.score,
    scoreKind: e.target.scoreKind,
    min: n ? min : Number.NaN,
    max: n ? max : Number.NaN,
    mean: n ? sum / n : Number.NaN,
    peak: best < 0 ? { x: -1, y: -1 } : { x: best % width, y: Math.floor(best / width) },
    stats: { ...(e.stats ?? {}) },
  };
}

/**
 * What the summary step keeps of a completed input: predictions, the explained classes, each
 * explanation's numbers and the metric results. No pixels or maps, so a run's summary stays small.
 * `index` is the input's position in the run.
 */
export function summarizeInput(input: InputReport, index: number): InputSummary {
  const targets: number[] = [];
  for (const e of input.explanations) if (!targets.includes(e.target.classIndex)) targets.push(e.target.classIndex);
  return {
    index,
    path: input.path,
    stem: input.stem,
    predictions: input.predictions.map((p) => ({ ...p })),
    targets,
    explanations: input.explanations.map(summarizeExplanation),
    metrics: (input.metrics ?? []).map((m) => ({ ...m, inputIndex: index })),
  };
}
