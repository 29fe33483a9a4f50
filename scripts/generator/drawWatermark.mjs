/**
 * Paints the fixed watermark (a yellow/black checkerboard of 2×2-pixel cells) into an RGB image.
 * The pattern is the same every time: it is the "Clever Hans" cue the shortcut model learns.
 *
 * @param {Uint8Array} rgb image, row-major RGB, size×size×3 (modified in place)
 * @param {number} size image side
 * @param {{ x: number, y: number, width: number, height: number }} box where to paint
 */
export function drawWatermark(rgb, size, box) {
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const light = ((x >> 1) + (y >> 1)) % 2 === 0;
      const o = ((box.y + y) * size + (box.x + x)) * 3;
      rgb[o] = light ? 255 : 0;
      rgb[o + 1] = light ? 230 : 0;
      rgb[o + 2] = light ? 0 : 0;
    }
  }
}
