import type { MetricCurveSummary } from '@visor/core';
import { describe, expect, it } from 'vitest';
import { curvePanels, toPlot, xName } from '../common/curvePanels.js';
import { decodePng } from '../image/encodePng.js';
import { memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { pngRenderer } from './pngRenderer.js';
import type { PngRendererOptions } from './PngRendererOptions.js';
import { plotCurves, plotPanel } from './plotCurves.js';

const curve = (method: string, metric: string, mean: number[], low: (number | null)[], high: (number | null)[]): MetricCurveSummary => ({
  method,
  metric,
  curve: metric,
  x: [0, 0.5, 1],
  xLabel: 'fraction of pixels deleted',
  yLabel: 'probability',
  n: 3,
  skipped: 0,
  mean,
  level: 0.95,
  low,
  high,
});
// cam: y = 1 − x, no band; occlusion: y = 0.25 with a band [0.15, 0.35].
const curves = [
  curve('cam', 'deletion', [1, 0.5, 0], [null, null, null], [null, null, null]),
  curve('occlusion', 'deletion', [0.25, 0.25, 0.25], [0.15, 0.15, 0.15], [0.35, 0.35, 0.35]),
];

describe('plot of the mean metric curves', () => {
  // 348 × 240: plot area x 48..336 (288 px for x ∈ [0, 1]), y 210..34 (176 px for y ∈ [0, 1]), so these points land on whole pixels.
  const [panel] = curvePanels(curves);
  const img = plotPanel(panel!, 348, 240);
  const at = (x: number, y: number) => {
    const [px, py] = toPlot(panel!, 348, 240, x, y);
    const o = (py * img.width + px) * 4;
    return [px, py, ...img.data.slice(o, o + 3)];
  };

  it('groups curves by metric with one colour per method and a [0, 1] y axis for probabilities', () => {
    expect(curvePanels(curves).map((p) => [p.title, p.series.map((s) => [s.method, s.color]), p.xRange, p.yRange])).toEqual([
      [
        'deletion',
        [
          ['cam', '#1f77b4'],
          ['occlusion', '#ff7f0e'],
        ],
        [0, 1],
        [0, 1],
      ],
    ]);
  });

  it('names category positions by their index in the curve, not by their value', () => {
    // the sanity check's x: 1, 2 layers randomised, named after the layers
    const [layers] = curvePanels([{ ...curves[0]!, x: [1, 2], mean: [0.9, 0.2], low: [null, null], high: [null, null], xNames: ['dense', 'conv'] }]);
    expect([xName(layers!, 1), xName(layers!, 2), xName(layers!, 1.5)]).toEqual(['dense', 'conv', undefined]);
    expect(xName(panel!, 0)).toBeUndefined(); // no names: numeric ticks
  });

  it('draws each mean curve in its colour at the data positions', () => {
    expect(at(0.25, 0.75)).toEqual([120, 78, 0x1f, 0x77, 0xb4]); // cam, between its points (0, 1) and (0.5, 0.5)
    expect(at(0.5, 0.25)).toEqual([192, 166, 0xff, 0x7f, 0x0e]); // occlusion
  });

  it('shades the 95 % band at 20 % opacity and leaves the rest white', () => {
    // y 0.3 → row 210 − 52.8 = 157.2 → 157, inside [0.15, 0.35] and off the 2-px line at row 165–166:
    // white blended with #ff7f0e at 51/255: round(255·0.8 + c·0.2) = (255, 229, 207).
    const [px] = toPlot(panel!, 348, 240, 0.75, 0);
    const o = (157 * img.width + px) * 4;
    expect([px, ...img.data.slice(o, o + 3)]).toEqual([264, 255, 229, 207]);
    expect(at(0.75, 0.625)).toEqual([264, 100, 255, 255, 255]);
  });

  it('png writes metric-curves.png at the end, two panels a row; nothing without curves', async () => {
    const two = [...curves, { ...curves[0]!, metric: 'insertion', curve: 'insertion' }];
    const plot = plotCurves(two)!;
    expect([plot.width, plot.height]).toEqual([720, 240]);
    expect(plotCurves([])).toBeNull();
    const { ctx, files } = memoryContext<PngRendererOptions>({});
    const summary = { ...runReport([]), inputs: [], total: 0, metricTable: [], metricCurves: two };
    await pngRenderer.renderSummary!(summary, ctx);
    const png = decodePng(files.get('metric-curves.png') as Uint8Array);
    expect([png.width, png.height]).toEqual([720, 240]);
    expect(Buffer.from(png.data).equals(Buffer.from(plot.data))).toBe(true);
    const none = memoryContext<PngRendererOptions>({});
    await pngRenderer.renderSummary!({ ...summary, metricCurves: [] }, none.ctx);
    expect([...none.files.keys()]).toEqual([]);
  });
});
