// Public API of @visor/renderers: the browser-safe part (browser.ts), and the plugin and the renderers that write
// PNG files (pngjs) or need Node. Only re-exports.
export * from './browser.js';
export { renderersPlugin, renderersPlugin as default } from './renderersPlugin.js';
export { pngRenderer } from './png/pngRenderer.js';
export { htmlRenderer, reportHtml, thumbnail, HTML_DEFAULTS, HTML_OPTIONS_SCHEMA } from './html/htmlRenderer.js';
export type { HtmlRendererOptions } from './html/htmlRenderer.js';
export { encodePng, decodePng } from './image/encodePng.js';
