import type { InputReport, MetricCurveSummary, RunInfo } from '@visor/core';
import { COLORMAP_NAMES, type ColormapOption } from '../colormap/colormap.js';
import { curvePanels } from '../common/curvePanels.js';
import type { NormalizeMode } from '../normalize/normalizeWindow.js';
import { curveSvg } from './curveSvg.js';
import { escapeHtml, scriptJson } from './escapeHtml.js';
import { pageHead, runMeta } from './pageHead.js';
import { reportData, type ImageUrl } from './reportData.js';
import { REPORT_SCRIPT } from './reportScript.js';
import { reportStyle } from './reportStyle.js';

/** How a report page shows its maps (the html renderer's options, less the index's). */
export interface PageOptions {
  /** Initial colormap of the switch (`auto`: rdbu for signed maps, jet otherwise). */
  colormap: ColormapOption;
  /** Initial position of the opacity slider. */
  alpha: number;
  normalize: NormalizeMode;
  percentile: number;
  /** Page title. */
  title: string;
  /** Displayed width of one grid cell in CSS pixels. */
  cellSize: number;
}

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : '–');

/** An input's metric values (one row per result) and its curves (one panel per metric curve, a line per method and class). */
export function inputMetricsHtml(input: InputReport): string {
  const results = input.metrics ?? [];
  if (!results.length) return '';
  const label = (k: number) => input.predictions.find((p) => p.classIndex === k)?.label ?? String(k);
  const rows = results
    .map(
      (r) =>
        `<tr data-metric="${escapeHtml(r.metric)}" data-method="${escapeHtml(r.method)}" data-class="${r.classIndex}"><td>${escapeHtml(r.metric)}</td><td>${escapeHtml(r.method)}</td><td>${escapeHtml(label(r.classIndex))}</td><td>${Object.entries(
          r.values,
        )
          .map(([k, v]) => `${escapeHtml(k)} = <span data-value="${escapeHtml(k)}">${fmt(v)}</span>`)
          .join(', ')}</td></tr>`,
    )
    .join('');
  const curves: MetricCurveSummary[] = results.flatMap((r) =>
    Object.entries(r.curves ?? {}).map(([name, c]) => ({
      method: `${r.method} · ${label(r.classIndex)}`,
      metric: r.metric,
      curve: name,
      x: c.x,
      xLabel: c.xLabel,
      yLabel: c.yLabel,
      ...(c.xNames ? { xNames: c.xNames } : {}),
      n: 1,
      skipped: 0,
      mean: c.y,
      level: 0.95,
      low: c.y.map(() => null),
      high: c.y.map(() => null),
    })),
  );
  return `<section id="metrics" class="input-metrics"><h2>Metrics</h2>
<table class="metrics"><thead><tr><th>metric</th><th>method</th><th>class</th><th>values</th></tr></thead><tbody>${rows}</tbody></table>
<div class="curves">${curvePanels(curves)
    .map((p) => curveSvg(p))
    .join('')}</div></section>`;
}

/** The page's head, controls and script around the given inputs' data: the same page for one input or for a whole report. */
export function reportPageHtml(
  run: RunInfo,
  inputs: InputReport[],
  failures: { path: string; message: string }[],
  o: PageOptions,
  imageUrl: ImageUrl,
  extra = { before: '', after: '' },
): string {
  const data = reportData({ ...run, inputs, failures }, o.normalize, o.percentile, o.cellSize, imageUrl);
  const options = ['auto', ...COLORMAP_NAMES].map((n) => `<option value="${n}"${n === o.colormap ? ' selected' : ''}>${n}</option>`).join('');
  const meta = runMeta(run);
  return `${pageHead(o.title, reportStyle(o.cellSize))}
<body>
<header>
${extra.before}<h1>${escapeHtml(o.title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
<div class="controls">
<label>Opacity <input id="opacity" type="range" min="0" max="1" step="0.01" value="${o.alpha}"> <output id="opacity-value">${o.alpha.toFixed(2)}</output></label>
<label>Colormap <select id="colormap">${options}</select></label>
</div>
</header>
<main id="inputs"></main>
${extra.after}
<script type="application/json" id="visor-data">${scriptJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** `report/<stem>.html`: one input's page (predictions, the classes × methods grid with opacity, colormap and hover readout, its metrics), linking back to the index. */
export function inputPageHtml(run: RunInfo, input: InputReport, o: PageOptions, imageUrl: ImageUrl): string {
  return reportPageHtml(run, [input], [], { ...o, title: `${input.stem} · ${o.title}` }, imageUrl, {
    before: '<p class="back"><a href="../report.html">← all inputs</a></p>\n',
    after: inputMetricsHtml(input),
  });
}
