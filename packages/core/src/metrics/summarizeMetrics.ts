import type { MetricResult } from '../contracts/Metric.js';
import type { MetricSummaryRow } from './MetricSummaryRow.js';
import { meanInterval } from './meanInterval.js';

/**
 * The run-level table renderers write (CSV, HTML): per (method, metric, value name) the mean over
 * the results and its 95 % Student-t interval (mean ± t_{0.975, n−1} · sd/√n; none for n = 1).
 * Each result is one (input, target) pair, so with several targets per input the statistics are over
 * those pairs. Rows come in order of first appearance (method, then metric, then value as the results
 * list them). Values that are absent or not finite in a result are counted in `missing`, not averaged.
 */
export function summarizeMetrics(results: readonly MetricResult[], level = 0.95): MetricSummaryRow[] {
  interface Group {
    method: string;
    metric: string;
    value: string;
    headline: boolean;
    meaning: string;
    values: number[];
    missing: number;
  }
  const groups = new Map<string, Group>();
  const byMetric = new Map<string, MetricResult[]>();
  for (const r of results) {
    const key = JSON.stringify([r.method, r.metric]);
    const list = byMetric.get(key);
    if (list) list.push(r);
    else byMetric.set(key, [r]);
  }
  for (const list of byMetric.values()) {
    const names: string[] = [];
    for (const r of list) for (const name of Object.keys(r.values)) if (!names.includes(name)) names.push(name);
    const headlineName = Object.keys(list[0]!.values)[0];
    for (const name of names) {
      const g: Group = {
        method: list[0]!.method,
        metric: list[0]!.metric,
        value: name,
        headline: name === headlineName,
        meaning: list[0]!.meaning,
        values: [],
        missing: 0,
      };
      for (const r of list) {
        const v = r.values[name];
        if (typeof v === 'number' && Number.isFinite(v)) g.values.push(v);
        else g.missing++;
      }
      groups.set(JSON.stringify([g.method, g.metric, name]), g);
    }
  }
  return [...groups.values()].map((g) => {
    const s = meanInterval(g.values, level);
    return {
      method: g.method,
      metric: g.metric,
      value: g.value,
      headline: g.headline,
      meaning: g.meaning,
      n: s.n,
      missing: g.missing,
      mean: s.mean,
      sd: s.sd,
      level,
      low: s.low,
      high: s.high,
    };
  });
}
