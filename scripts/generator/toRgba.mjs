/**
 * RGB bytes → an RgbaImage (opaque), the shape Visor's image I/O and pngjs use.
 * @param {Uint8Array} rgb row-major RGB, width×height×3
 * @param {number} width
 * @param {number} height
 * @returns {{ width: number, height: number, data: Uint8Array }}
 */
export function rgbToRgba(rgb, width, height) {
  if (rgb.length !== width * height * 3) {
    throw new Error(`rgbToRgba: expected ${width * height * 3} bytes for ${width}×${height} RGB, got ${rgb.length}`);
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    data[j] = rgb[i];
    data[j + 1] = rgb[i + 1];
    data[j + 2] = rgb[i + 2];
    data[j + 3] = 255;
  }
  return { width, height, data };
}

/**
 * A 0/1 mask → a black/white opaque RgbaImage (white = object).
 * @param {Uint8Array} mask row-major, width×height
 * @param {number} width
 * @param {number} height
 */
export function maskToRgba(mask, width, height) {
  if (mask.length !== width * height) {
    throw new Error(`maskToRgba: expected ${width * height} values for a ${width}×${height} mask, got ${mask.length}`);
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i] ? 255 : 0;
    data[4 * i] = v;
    data[4 * i + 1] = v;
    data[4 * i + 2] = v;
    data[4 * i + 3] = 255;
  }
  return { width, height, data };
}
