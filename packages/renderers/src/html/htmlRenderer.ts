import type { JsonSchema, Renderer, RenderContext } from '@visor/core';
import { COLORMAP_NAMES, type ColormapOption } from '../colormap/colormap.js';
import type { NormalizeMode } from '../normalize/normalizeWindow.js';
import { colorOptionsSchema } from '../png/PngRendererOptions.js';
import { reportData } from './reportData.js';
import { REPORT_SCRIPT } from './reportScript.js';
import { reportStyle } from './reportStyle.js';

export interface HtmlRendererOptions {
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

export const HTML_DEFAULTS: HtmlRendererOptions = {
  colormap: 'auto',
  alpha: 0.5,
  normalize: 'auto',
  percentile: 99.5,
  title: 'Visor report',
  cellSize: 224,
};

export const HTML_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...colorOptionsSchema,
    title: { type: 'string' },
    cellSize: { type: 'integer', minimum: 32, maximum: 1024 },
  },
};

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON that is safe inside a <script> element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The whole self-contained page (no network: a CSP forbids every fetch; images are data URLs). */
export function reportHtml(report: Parameters<Renderer['render']>[0], o: HtmlRendererOptions): string {
  const data = reportData(report, o.normalize, o.percentile, o.cellSize);
  const options = ['auto', ...COLORMAP_NAMES]
    .map((n) => `<option value="${n}"${n === o.colormap ? ' selected' : ''}>${n}</option>`)
    .join('');
  const meta = `${report.model.source} · ${report.model.format} model, ${report.model.finalActivation} output · backend ${report.backend} · ${report.startedAt}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(o.title)}</title>
<style>${reportStyle(o.cellSize)}</style>
</head>
<body>
<header>
<h1>${escapeHtml(o.title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
<div class="controls">
<label>Opacity <input id="opacity" type="range" min="0" max="1" step="0.01" value="${o.alpha}"> <output id="opacity-value">${o.alpha.toFixed(2)}</output></label>
<label>Colormap <select id="colormap">${options}</select></label>
</div>
</header>
<main id="inputs"></main>
<script type="application/json" id="visor-data">${scriptJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** One self-contained `report.html` per run: predictions, the classes × methods grid, opacity, colormap and hover readout. */
export const htmlRenderer: Renderer<HtmlRendererOptions> = {
  id: 'html',
  description: 'One self-contained report.html (works from file://, no network): predictions, classes × methods grid, opacity slider, colormap switch, value on hover',
  optionsSchema: HTML_OPTIONS_SCHEMA,
  defaults: HTML_DEFAULTS,
  async render(report, ctx: RenderContext<HtmlRendererOptions>) {
    const o = { ...HTML_DEFAULTS, ...ctx.options }; // options are validated by the pipeline
    if (o.colormap !== 'auto' && !(COLORMAP_NAMES as readonly string[]).includes(o.colormap)) {
      throw new Error(`Unknown colormap ${JSON.stringify(o.colormap)} (option "colormap"); accepted: auto, ${COLORMAP_NAMES.join(', ')}`);
    }
    if (!(o.alpha >= 0 && o.alpha <= 1)) throw new Error(`Option "alpha" must be in [0, 1], got ${o.alpha}`);
    ctx.signal.throwIfAborted();
    await ctx.write('report.html', reportHtml(report, o));
    ctx.progress({ stage: 'render:html', done: 1, total: 1 });
  },
};
