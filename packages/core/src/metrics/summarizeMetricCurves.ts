import type { MetricCurve, MetricResult } from '../contracts/Metric.js';
import type { MetricCurveSummary } from './MetricCurveSummary.js';
import { meanInterval } from './meanInterval.js';

/**
 * Mean curves for plots of a whole run: per (method, metric, curve name), the pointwise mean of the
 * results' curves and its Student-t interval (as in `summarizeMetrics`, at every x). Curves are only
 * averaged when their x positions (and names) equal the first curve's; the others are counted in
 * `skipped` (e.g. deletion curves of inputs of different sizes). Order of first appearance.
 */
export function summarizeMetricCurves(results: readonly MetricResult[], level = 0.95): MetricCurveSummary[] {
  const groups = new Map<string, { first: MetricCurve; method: string; metric: string; curve: string; members: MetricCurve[]; skipped: number }>();
  for (const r of results) {
    for (const [name, curve] of Object.entries(r.curves ?? {})) {
      const key = JSON.stringify([r.method, r.metric, name]);
      const g = groups.get(key);
      if (!g) groups.set(key, { first: curve, method: r.method, metric: r.metric, curve: name, members: [curve], skipped: 0 });
      else if (sameX(g.first, curve)) g.members.push(curve);
      else g.skipped++;
    }
  }
  return [...groups.values()].map((g) => {
    const stats = g.first.x.map((_, i) =>
      meanInterval(
        g.members.map((c) => c.y[i]!),
        level,
      ),
    );
    return {
      method: g.method,
      metric: g.metric,
      curve: g.curve,
      x: [...g.first.x],
      xLabel: g.first.xLabel,
      yLabel: g.first.yLabel,
      ...(g.first.xNames ? { xNames: [...g.first.xNames] } : {}),
      n: g.members.length,
      skipped: g.skipped,
      mean: stats.map((s) => s.mean),
      level,
      low: stats.map((s) => s.low),
      high: stats.map((s) => s.high),
    };
  });
}

function sameX(a: MetricCurve, b: MetricCurve): boolean {
  if (a.x.length !== b.x.length || a.y.length !== b.y.length) return false;
  for (let i = 0; i < a.x.length; i++) if (a.x[i] !== b.x[i]) return false;
  const an = a.xNames ?? [];
  const bn = b.xNames ?? [];
  return an.length === bn.length && an.every((n, i) => n === bn[i]);
}
