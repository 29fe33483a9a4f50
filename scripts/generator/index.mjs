// The demo's procedural data set: public API (re-exports only).
export { mulberry32 } from './mulberry32.mjs';
export { CLASS_NAMES } from './classNames.mjs';
export { shapeFor, SHAPE_PROPORTIONS } from './shapeFor.mjs';
export { CORNERS, WATERMARK_SIZE, WATERMARK_MARGIN, watermarkBox } from './watermarkBox.mjs';
export { drawWatermark } from './drawWatermark.mjs';
export { generateSample, DEFAULT_OPTIONS } from './generateSample.mjs';
export { rgbToRgba, maskToRgba } from './toRgba.mjs';
