import type { RunSummary } from '@visor/core';
import { curvePanels } from '../common/curvePanels.js';
import { curveSvg } from './curveSvg.js';
import { escapeHtml, scriptJson } from './escapeHtml.js';
import { indexData } from './indexData.js';
import { INDEX_SCRIPT } from './indexScript.js';
import { pageHead, runMeta } from './pageHead.js';

export interface IndexPageOptions {
  title: string;
  /** Rows of the inputs table per page. */
  pageSize: number;
  /** Whether report/thumbs/<stem>.png exist. */
  thumbnails: boolean;
}

const fmt = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : Number(v.toPrecision(4)).toString());

/** The run-level metric table: per method (rows) and metric (columns), the headline's mean and 95 % interval over the inputs. */
export function metricTableHtml(summary: RunSummary): string {
  const head = summary.metricTable.filter((r) => r.headline);
  if (!head.length) return '';
  const methods = [...new Set(head.map((r) => r.method))];
  const metrics = [...new Set(head.map((r) => `${r.metric}\u0000${r.value}`))];
  const cell = (method: string, key: string) => {
    const r = head.find((x) => x.method === method && `${x.metric}\u0000${x.value}` === key);
    if (!r) return '<td class="num">–</td>';
    const interval = r.low !== null && r.high !== null ? ` <span class="ci">[${fmt(r.low)}, ${fmt(r.high)}]</span>` : '';
    return `<td class="num" data-method="${escapeHtml(r.method)}" data-metric="${escapeHtml(r.metric)}" data-mean="${r.mean}" title="n = ${r.n}${r.missing ? `, ${r.missing} missing` : ''}">${fmt(r.mean)}${interval}</td>`;
  };
  const headers = metrics.map((k) => {
    const [metric, value] = k.split('\u0000');
    const meaning = head.find((r) => r.metric === metric)?.meaning ?? '';
    return `<th title="${escapeHtml(meaning)}">${escapeHtml(metric!)}<br><small>${escapeHtml(value!)}</small></th>`;
  });
  const all = summary.metricTable
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.method)}</td><td>${escapeHtml(r.metric)}</td><td>${escapeHtml(r.value)}</td><td class="num">${r.n}</td><td class="num">${fmt(r.mean)}</td><td class="num">${fmt(r.sd)}</td><td class="num">${fmt(r.low)}</td><td class="num">${fmt(r.high)}</td></tr>`,
    )
    .join('');
  return `<section id="metrics"><h2>Metrics</h2>
<p class="meta">Mean over the explained (input, class) pairs and its ${Math.round((head[0]?.level ?? 0.95) * 100)} % interval (Student t). Also in metrics.csv.</p>
<table class="metrics"><thead><tr><th>method</th>${headers.join('')}</tr></thead><tbody>${methods.map((m) => `<tr><th>${escapeHtml(m)}</th>${metrics.map((k) => cell(m, k)).join('')}</tr>`).join('')}</tbody></table>
<details><summary>Every value</summary><table class="metrics all"><thead><tr><th>method</th><th>metric</th><th>value</th><th>n</th><th>mean</th><th>sd</th><th>low</th><th>high</th></tr></thead><tbody>${all}</tbody></table></details>
<div class="curves">${curvePanels(summary.metricCurves)
    .map((p) => curveSvg(p))
    .join('')}</div>
</section>`;
}

const style = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
body { margin: 0; padding: 0 1.5rem 2rem; }
header { padding: .75rem 0; border-bottom: 1px solid GrayText; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; }
.meta { margin: 0 0 .5rem; color: GrayText; font-size: .85rem; }
table { border-collapse: collapse; font-size: .85rem; }
td, th { padding: .2rem .5rem; border-bottom: 1px solid #8884; text-align: left; vertical-align: middle; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ci { color: GrayText; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
th button[data-active="asc"]::after { content: ' ▲'; } th button[data-active="desc"]::after { content: ' ▼'; }
img.thumb { width: 48px; height: 48px; object-fit: contain; display: block; image-rendering: pixelated; }
td.top { color: GrayText; max-width: 22rem; }
.controls { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin: .75rem 0; }
.curves { display: flex; gap: 1rem; flex-wrap: wrap; margin-top: .75rem; }
svg.curve { font: 10px ui-monospace, monospace; } svg.curve text { fill: #222; } svg.curve .title { font-size: 13px; font-weight: 600; }
`;

/**
 * `report.html`: the index of a run, from its summary (no pixels): the metric table and mean curves,
 * then one row per completed input (thumbnail, predictions, per-method numbers, metric values), shown a
 * page at a time, sortable and filterable; each row links to the input's own page. Offline: the only
 * things loaded are the thumbnails, local files next to the page.
 */
export function indexPageHtml(summary: RunSummary, o: IndexPageOptions): string {
  const data = indexData(summary, { pageSize: o.pageSize, thumbnails: o.thumbnails });
  const done = summary.inputs.length;
  const status = done === summary.total ? `${done} input(s)` : `${done} of ${summary.total} input(s) complete`;
  const meta = `${runMeta(summary)} · ${status}`;
  const failures = summary.failures.length
    ? `<section class="failures"><h2>Inputs that could not be used</h2><ul>${summary.failures.map((f) => `<li>${escapeHtml(f.path)}: ${escapeHtml(f.message)}</li>`).join('')}</ul></section>`
    : '';
  return `${pageHead(o.title, style)}
<body>
<header>
<h1>${escapeHtml(o.title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
<p class="meta">Tables: results.csv, results.jsonl${summary.metricTable.length ? ', metrics.csv' : ''}</p>
</header>
${metricTableHtml(summary)}
<section id="index">
<h2>Inputs</h2>
<div class="controls">
<label>Predicted class <select id="class-filter"><option value="">all</option></select></label>
<label>Name <input id="search" type="search" placeholder="filter by name"></label>
<button type="button" id="prev">◀ previous</button> <span id="page"></span> <button type="button" id="next">next ▶</button>
<span id="count"></span>
</div>
<table id="inputs"><thead><tr></tr></thead><tbody></tbody></table>
</section>
${failures}
<script type="application/json" id="visor-index">${scriptJson(data)}</script>
<script>${INDEX_SCRIPT}</script>
</body>
</html>
`;
}
