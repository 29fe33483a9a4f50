import type { InputSummary, RunSummary } from '@visor/core';

/** One row of the index: an input's numbers, short keys to keep 10,000 rows small. */
export interface IndexRow {
  /** stem (also names the input's page `report/<stem>.html` and thumbnail `report/thumbs/<stem>.png`) */
  s: string;
  /** path of the input file */
  p: string;
  /** whether the input has a thumbnail */
  t: boolean;
  /** predicted class index and label (top 1) */
  c: number;
  l: string;
  /** top classes (up to 3): [label, probability] */
  k: [string, number | null][];
  /** per method column (`IndexData.methods`): the heatmap's max for the first target, and its peak "x,y" */
  m: (number | null)[];
  pk: string[];
  /** per metric column (`IndexData.metricColumns`): the headline value for the first target */
  v: (number | null)[];
}

export interface IndexData {
  model: RunSummary['model'];
  backend: string;
  startedAt: string;
  total: number;
  /** Method ids in run order (the columns `m`). */
  methods: string[];
  /** Metric columns: metric id, method and the headline value's name. */
  metricColumns: { metric: string; method: string; value: string }[];
  rows: IndexRow[];
  failures: RunSummary['failures'];
  /** Rows per page. */
  pageSize: number;
}

const num = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

function row(input: InputSummary, methods: string[], metricColumns: IndexData['metricColumns'], thumbs: boolean): IndexRow {
  const first = input.targets[0];
  const top = input.predictions[0];
  const forMethod = methods.map((m) => input.explanations.find((e) => e.method === m && e.classIndex === first));
  return {
    s: input.stem,
    p: input.path,
    t: thumbs,
    c: top?.classIndex ?? -1,
    l: top?.label ?? '',
    k: input.predictions.slice(0, 3).map((p) => [p.label, num(p.probability)]),
    m: forMethod.map((e) => num(e?.max)),
    pk: forMethod.map((e) => (e && e.peak.x >= 0 ? `${e.peak.x},${e.peak.y}` : '')),
    v: metricColumns.map((c) => {
      const r = input.metrics.find((m) => m.metric === c.metric && m.method === c.method && m.classIndex === first);
      return num(r?.values[c.value]);
    }),
  };
}

/**
 * What the index page shows, from the run's summary alone (no pixels): one row per completed input with
 * its thumbnail's name, top classes and scores, per method the heatmap's maximum and peak for the first
 * explained class, and per (metric, method) the headline value. Pure: the browser app can build it too.
 */
export function indexData(summary: RunSummary, options: { pageSize: number; thumbnails: boolean }): IndexData {
  const methods = summary.explainers.map((e) => e.id).filter((id, i, all) => all.indexOf(id) === i);
  const metricColumns: IndexData['metricColumns'] = summary.metricTable
    .filter((r) => r.headline)
    .map((r) => ({ metric: r.metric, method: r.method, value: r.value }));
  return {
    model: summary.model,
    backend: summary.backend,
    startedAt: summary.startedAt,
    total: summary.total,
    methods,
    metricColumns,
    rows: summary.inputs.map((i) => row(i, methods, metricColumns, options.thumbnails)),
    failures: summary.failures,
    pageSize: options.pageSize,
  };
}
