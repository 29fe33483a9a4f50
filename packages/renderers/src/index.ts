// Public API of @visor/renderers. Only re-exports.
export { renderersPlugin, renderersPlugin as default } from './renderersPlugin.js';

export { pngRenderer } from './png/pngRenderer.js';
export { PNG_DEFAULTS, PNG_OPTIONS_SCHEMA } from './png/PngRendererOptions.js';
export type { PngRendererOptions } from './png/PngRendererOptions.js';
export { renderGrid, gridAxes } from './png/renderGrid.js';
export type { GridOptions } from './png/renderGrid.js';
export { renderPatchPreview } from './png/renderPatchPreview.js';
export { plotCurves, plotPanel } from './png/plotCurves.js';

export { jsonRenderer, JSON_DEFAULTS, JSON_OPTIONS_SCHEMA } from './json/jsonRenderer.js';
export type { JsonRendererOptions } from './json/jsonRenderer.js';
export { explanationDocument, EXPLANATION_SCHEMA_ID } from './json/explanationDocument.js';
export type { ExplanationDocument, ExplanationJson, MapJson } from './json/explanationDocument.js';

export { htmlRenderer, reportHtml, thumbnail, HTML_DEFAULTS, HTML_OPTIONS_SCHEMA } from './html/htmlRenderer.js';
export type { HtmlRendererOptions } from './html/htmlRenderer.js';
export { reportData, inputData, colormapTables } from './html/reportData.js';
export type { ReportData, ReportInput, ReportExplanation, ReportMetric, ImageUrl } from './html/reportData.js';
export { indexData } from './html/indexData.js';
export type { IndexData, IndexRow } from './html/indexData.js';
export { indexPageHtml, metricTableHtml } from './html/indexPage.js';
export type { IndexPageOptions } from './html/indexPage.js';
export { inputPageHtml, reportPageHtml, inputMetricsHtml } from './html/inputPage.js';
export type { PageOptions } from './html/inputPage.js';
export { curveSvg } from './html/curveSvg.js';
export { REPORT_SCRIPT } from './html/reportScript.js';
export { INDEX_SCRIPT } from './html/indexScript.js';
export { REPORT_CSP } from './html/reportCsp.js';
export { base64, float32Base64, pngDataUrl } from './html/base64.js';
export { curvePanels, plotArea, toPlot } from './common/curvePanels.js';
export type { CurvePanel, CurveSeries } from './common/curvePanels.js';

export { COLORMAP_NAMES, COLORMAP_SIZE, colormapIndex, colormapRgb, colormapLut, isDiverging, resolveColormap } from './colormap/colormap.js';
export type { ColormapName, ColormapOption, Rgb } from './colormap/colormap.js';
export { NORMALIZE_MODES, normalizeWindow, percentileOf, toUnit } from './normalize/normalizeWindow.js';
export type { NormalizeMode, NormWindow } from './normalize/normalizeWindow.js';

export { ColorScale } from './image/ColorScale.js';
export { overlayHeatmap } from './image/overlayHeatmap.js';
export { heatmapImage } from './image/heatmapImage.js';
export { heatGrid } from './image/heatGrid.js';
export type { HeatGrid } from './image/heatGrid.js';
export { cropResize } from './image/cropResize.js';
export type { Region } from './image/cropResize.js';
export { encodePng, decodePng } from './image/encodePng.js';

export { explanationStems, safeName } from './common/explanationStems.js';
export { formatScore } from './common/formatScore.js';

export { drawText, textWidth, textHeight, fitText } from './font/drawText.js';
export type { TextStyle } from './font/drawText.js';
export { FONT5X7, FONT5X7_WIDTH, FONT5X7_HEIGHT, FONT5X7_FIRST } from './font/font5x7.js';
