import { streamingRenderer, type InputReport, type JsonSchema, type Renderer, type RenderContext, type RgbaImage, type RunReport } from '@visor/core';
import { COLORMAP_NAMES } from '../colormap/colormap.js';
import { modelViewBase } from '../common/modelViewBase.js';
import { blankImage } from '../image/blankImage.js';
import { encodePng } from '../image/encodePng.js';
import { colorOptionsSchema } from '../png/PngRendererOptions.js';
import { pngDataUrl } from './base64.js';
import { indexPageHtml } from './indexPage.js';
import { inputPageHtml, reportPageHtml, type PageOptions } from './inputPage.js';

export interface HtmlRendererOptions extends PageOptions {
  /** Rows of the index's inputs table per page. */
  pageSize: number;
  /** Width of the index's thumbnails in pixels (height follows the picture's aspect). */
  thumbSize: number;
}

export const HTML_DEFAULTS: HtmlRendererOptions = {
  colormap: 'auto',
  alpha: 0.5,
  normalize: 'auto',
  percentile: 99.5,
  title: 'Visor report',
  cellSize: 224,
  pageSize: 100,
  thumbSize: 64,
};

export const HTML_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...colorOptionsSchema,
    title: { type: 'string' },
    cellSize: { type: 'integer', minimum: 32, maximum: 1024 },
    pageSize: { type: 'integer', minimum: 10, maximum: 1000 },
    thumbSize: { type: 'integer', minimum: 16, maximum: 256 },
  },
};

const imageUrl = (img: RgbaImage): string => pngDataUrl(encodePng(img));

function checked(options: Partial<HtmlRendererOptions>): HtmlRendererOptions {
  const o = { ...HTML_DEFAULTS, ...options }; // options are validated by the pipeline
  if (o.colormap !== 'auto' && !(COLORMAP_NAMES as readonly string[]).includes(o.colormap)) {
    throw new Error(`Unknown colormap ${JSON.stringify(o.colormap)} (option "colormap"); accepted: auto, ${COLORMAP_NAMES.join(', ')}`);
  }
  if (!(o.alpha >= 0 && o.alpha <= 1)) throw new Error(`Option "alpha" must be in [0, 1], got ${o.alpha}`);
  return o;
}

/** The index's thumbnail of an input: the picture the model saw, `size` wide; a grey tile for inputs without a picture. */
export function thumbnail(input: InputReport, size: number): RgbaImage {
  const w = input.modelView?.width ?? input.crop.width;
  const h = input.modelView?.height ?? input.crop.height;
  const height = Math.max(1, Math.round((size * h) / Math.max(1, w)));
  return modelViewBase(input, size, height) ?? blankImage(size, height, [128, 128, 128, 255]);
}

/** One self-contained page with every input of a report (what the report was before it streamed; the browser app can use it). */
export function reportHtml(report: RunReport, options: Partial<HtmlRendererOptions>): string {
  const { inputs, failures, ...run } = report;
  return reportPageHtml(run, inputs, failures, checked(options), imageUrl);
}

/**
 * The HTML report, streamed: per input `report/<stem>.html` (its own page: grid, opacity, colormap, hover
 * readout, metrics) and `report/thumbs/<stem>.png`, written as the input finishes; at the end `report.html`,
 * the index (metric table and curves, one row per input, sortable and filterable, a page at a time).
 * Nothing is fetched from the network; the index loads only the thumbnails beside it.
 */
export const htmlRenderer: Renderer<HtmlRendererOptions> = streamingRenderer<HtmlRendererOptions>({
  id: 'html',
  description:
    'An HTML report that works from file:// with no network: report.html indexes every input (sortable, filterable by class, metric table and curves); report/<stem>.html shows one input (grid, opacity, colormap, value on hover, metrics)',
  optionsSchema: HTML_OPTIONS_SCHEMA,
  defaults: HTML_DEFAULTS,
  async renderInput(input, run, ctx: RenderContext<HtmlRendererOptions>) {
    const o = checked(ctx.options);
    ctx.signal.throwIfAborted();
    await ctx.write(`report/${input.stem}.html`, inputPageHtml(run, input, o, imageUrl));
    await ctx.write(`report/thumbs/${input.stem}.png`, encodePng(thumbnail(input, o.thumbSize)));
  },
  async renderSummary(summary, ctx: RenderContext<HtmlRendererOptions>) {
    const o = checked(ctx.options);
    await ctx.write('report.html', indexPageHtml(summary, { title: o.title, pageSize: o.pageSize, thumbnails: true }));
    ctx.progress({ stage: 'render:html', done: 1, total: 1 });
  },
});
