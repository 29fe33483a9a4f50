import type { MetricResult } from '../contracts/Metric.js';
import type { InputSummary, RunSummary } from '../contracts/RunReport.js';
import { csvRow } from './csvRow.js';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Target rank (1-based) of a class in an input's targets; 0 when it is not one of them. */
const rankOf = (input: InputSummary, classIndex: number): number => input.targets.indexOf(classIndex) + 1;

/**
 * Column keys of an input's explanations: `<method>.t<rank>`, a second explanation of the same method
 * and target (another layer) `<method>#2.t<rank>`, in the input's order.
 */
function explanationKeys(input: InputSummary): string[] {
  const seen = new Map<string, number>();
  return input.explanations.map((e) => {
    const base = `${e.method}.t${rankOf(input, e.classIndex)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${e.method}#${n}.t${rankOf(input, e.classIndex)}`;
  });
}

function metricKey(input: InputSummary, m: MetricResult): string {
  return `${m.metric}.${m.method}.t${rankOf(input, m.classIndex)}`;
}

/**
 * `results.jsonl`: one JSON object per input of the run, in input order: path, stem, status; for a done
 * input its predictions, the explained classes, each explanation's numbers (heatmap min, max, mean, peak,
 * the explainer's stats) and each metric's values; for a failed one the message. Non-finite numbers are null.
 */
export function resultsJsonl(summary: RunSummary): string {
  const lines: string[] = [];
  for (const input of summary.inputs) {
    const row = {
      path: input.path,
      stem: input.stem,
      status: 'done',
      predictions: input.predictions.map((p) => ({ classIndex: p.classIndex, label: p.label, probability: finite(p.probability), logit: finite(p.logit) })),
      targets: input.targets,
      explanations: input.explanations.map((e) => ({
        method: e.method,
        layer: e.layer,
        classIndex: e.classIndex,
        label: e.label,
        score: finite(e.score),
        scoreKind: e.scoreKind,
        min: finite(e.min),
        max: finite(e.max),
        mean: finite(e.mean),
        peak: e.peak,
        stats: Object.fromEntries(Object.entries(e.stats).map(([k, v]) => [k, finite(v)])),
      })),
      metrics: input.metrics.map((m) => ({
        metric: m.metric,
        method: m.method,
        classIndex: m.classIndex,
        values: Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, finite(v)])),
      })),
    };
    lines.push(`${JSON.stringify(row)}\n`);
  }
  return lines.join('') + summary.failures.map((f) => `${JSON.stringify({ path: f.path, status: 'failed', message: f.message })}\n`).join('');
}

/**
 * `results.csv`: one row per input (done ones in input order, then failed ones), flat columns for
 * pandas and spreadsheets: `path, stem, status, message`; `top<r>_class, top<r>_label, top<r>_probability`
 * for the r-th prediction (r up to the number of explained classes); then per explanation
 * `<method>.t<rank>.<field>` (rank = position of its class among the targets; fields `class`, `max`, `min`,
 * `mean`, `peak_x`, `peak_y` and the explainer's stats); then per metric result `<metric>.<method>.t<rank>.<value>`.
 * Columns are the union over the inputs in order of first appearance; a cell an input lacks is empty.
 */
export function resultsCsv(summary: RunSummary): string {
  const tops = Math.max(1, ...summary.inputs.map((i) => i.targets.length));
  const columns: string[] = ['path', 'stem', 'status', 'message'];
  for (let r = 1; r <= tops; r++) columns.push(`top${r}_class`, `top${r}_label`, `top${r}_probability`);
  const known = new Set(columns);
  const rows: Map<string, string | number | null>[] = [];
  const put = (row: Map<string, string | number | null>, key: string, v: string | number | null) => {
    if (!known.has(key)) {
      known.add(key);
      columns.push(key);
    }
    row.set(key, v);
  };
  for (const input of summary.inputs) {
    const row = new Map<string, string | number | null>([
      ['path', input.path],
      ['stem', input.stem],
      ['status', 'done'],
    ]);
    input.predictions.slice(0, tops).forEach((p, i) => {
      row.set(`top${i + 1}_class`, p.classIndex);
      row.set(`top${i + 1}_label`, p.label);
      row.set(`top${i + 1}_probability`, p.probability);
    });
    const keys = explanationKeys(input);
    input.explanations.forEach((e, k) => {
      const key = keys[k];
      put(row, `${key}.class`, e.classIndex);
      put(row, `${key}.max`, e.max);
      put(row, `${key}.min`, e.min);
      put(row, `${key}.mean`, e.mean);
      put(row, `${key}.peak_x`, e.peak.x);
      put(row, `${key}.peak_y`, e.peak.y);
      for (const [s, v] of Object.entries(e.stats)) put(row, `${key}.${s}`, v);
    });
    for (const m of input.metrics) for (const [name, v] of Object.entries(m.values)) put(row, `${metricKey(input, m)}.${name}`, v);
    rows.push(row);
  }
  for (const f of summary.failures)
    rows.push(
      new Map<string, string | number | null>([
        ['path', f.path],
        ['status', 'failed'],
        ['message', f.message],
      ]),
    );
  return csvRow(columns) + rows.map((row) => csvRow(columns.map((c) => row.get(c) ?? null))).join('');
}

/**
 * `metrics.csv`: the run-level table, one row per (method, metric, value): the number of results
 * averaged (n), those without a finite value (missing), mean, standard deviation, the interval level
 * and its bounds (Student t over the (input, target) results; empty for n = 1), and what the metric means.
 */
export function metricsCsv(summary: RunSummary): string {
  const head = csvRow(['method', 'metric', 'value', 'headline', 'n', 'missing', 'mean', 'sd', 'level', 'low', 'high', 'meaning']);
  return (
    head +
    summary.metricTable.map((r) => csvRow([r.method, r.metric, r.value, r.headline, r.n, r.missing, r.mean, r.sd, r.level, r.low, r.high, r.meaning])).join('')
  );
}

/** `metric-curves.csv`: the run's mean curves, one row per point: method, metric, curve, x (and its name), n, mean, low, high. */
export function metricCurvesCsv(summary: RunSummary): string {
  const head = csvRow(['method', 'metric', 'curve', 'x', 'x_name', 'x_label', 'y_label', 'n', 'mean', 'low', 'high']);
  const rows = summary.metricCurves.flatMap((c) =>
    c.x.map((x, i) => csvRow([c.method, c.metric, c.curve, x, c.xNames?.[i] ?? null, c.xLabel, c.yLabel, c.n, c.mean[i], c.low[i], c.high[i]])),
  );
  return head + rows.join('');
}
