import { streamingRenderer, type InputReport, type Renderer, type RenderContext, type RgbaImage } from '@visor/core';
import { colorScaleFor } from '../common/colorScaleFor.js';
import { explanationStems } from '../common/explanationStems.js';
import { encodePng } from '../image/encodePng.js';
import { heatGrid } from '../image/heatGrid.js';
import { heatmapImage } from '../image/heatmapImage.js';
import { overlayHeatmap } from '../image/overlayHeatmap.js';
import { PNG_DEFAULTS, PNG_OPTIONS_SCHEMA, type PngRendererOptions } from './PngRendererOptions.js';
import { renderGrid } from './renderGrid.js';
import { plotCurves } from './plotCurves.js';
import { renderPatchPreview } from './renderPatchPreview.js';

/** The picture a full-resolution overlay goes on, and the region of it the heatmap covers. */
function overlayBase(input: InputReport): { image: RgbaImage; region: InputReport['crop'] } | null {
  if (input.original) return { image: input.original, region: input.crop };
  if (input.modelView) {
    const mv = input.modelView;
    return { image: mv, region: { x: 0, y: 0, width: mv.width, height: mv.height } };
  }
  return null;
}

/**
 * PNG files per input, under `<stem>/`, written as each input finishes:
 * - `<method>-<classIndex>.png`: the heatmap over the original picture at its own resolution
 *   (over the model view for inputs without an original; the coloured heatmap alone when the input
 *   has no picture);
 * - `<method>-<classIndex>-heatmap.png`: the coloured heatmap alone at the map's resolution;
 * - `grid.png`: classes × methods with the input on the left;
 * - `occlusion-patches.png`: the occluded inputs, when an explanation has `extras.patchPreview`.
 * A second explanation with the same method and class gets `-2`, `-3`, … after the class index.
 * At the end, `metric-curves.png`: the run's mean metric curves with their 95 % bands, when it has any.
 */
export const pngRenderer: Renderer<PngRendererOptions> = streamingRenderer<PngRendererOptions>({
  id: 'png',
  description:
    'PNG heatmap overlays on the original image, raw heatmaps, a classes × methods grid, the occlusion patch preview, and a plot of the mean metric curves',
  optionsSchema: PNG_OPTIONS_SCHEMA,
  defaults: PNG_DEFAULTS,
  async renderInput(input, _run, ctx: RenderContext<PngRendererOptions>) {
    const o = { ...PNG_DEFAULTS, ...ctx.options }; // options are validated by the pipeline
    const stems = explanationStems(input.explanations);
    const base = o.overlay ? overlayBase(input) : null;
    for (const [k, e] of input.explanations.entries()) {
      ctx.signal.throwIfAborted();
      const what = `${input.stem}: ${e.method} (class ${e.target.classIndex})`;
      const heat = heatGrid(e.heatmap, what);
      const scale = colorScaleFor(e.heatmap, o);
      const colored = heatmapImage(heat, scale);
      if (o.heatmap) await ctx.write(`${input.stem}/${stems[k]}-heatmap.png`, encodePng(colored));
      if (o.overlay) {
        const img = base ? overlayHeatmap(base.image, heat, base.region, scale, o.alpha) : colored;
        await ctx.write(`${input.stem}/${stems[k]}.png`, encodePng(img));
      }
    }
    if (o.grid) {
      const grid = renderGrid(input, o);
      if (grid) await ctx.write(`${input.stem}/grid.png`, encodePng(grid));
    }
    if (o.patches) {
      const withPreview = input.explanations.find((e) => e.extras?.patchPreview);
      const preview = withPreview?.extras?.patchPreview;
      if (preview) await ctx.write(`${input.stem}/occlusion-patches.png`, encodePng(renderPatchPreview(preview, o.patchTileSize)));
    }
  },
  async renderSummary(summary, ctx: RenderContext<PngRendererOptions>) {
    const o = { ...PNG_DEFAULTS, ...ctx.options };
    if (!o.curves) return;
    const plot = plotCurves(summary.metricCurves);
    if (plot) await ctx.write('metric-curves.png', encodePng(plot));
  },
});
