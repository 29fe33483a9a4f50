import { randomColour } from './randomColour.mjs';

/**
 * Paints small random elliptical blobs (not class objects: radii of 1–4 px) anywhere in the image.
 * Draws a fixed number of values from `rng` for a given count.
 *
 * @param {() => number} rng
 * @param {Float32Array} rgb image in [0, 1] (modified in place)
 * @param {number} size image side
 * @param {number} count number of blobs
 */
export function drawDistractors(rng, rgb, size, count) {
  for (let k = 0; k < count; k++) {
    const cx = rng() * size;
    const cy = rng() * size;
    const a = 1 + rng() * 3;
    const b = 1 + rng() * 3;
    const ang = rng() * Math.PI;
    const col = randomColour(rng);
    const cos = Math.cos(ang);
    const sin = Math.sin(ang);
    const reach = Math.ceil(Math.max(a, b)) + 1;
    for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(size - 1, Math.ceil(cy + reach)); y++) {
      for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(size - 1, Math.ceil(cx + reach)); x++) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        const u = (cos * dx + sin * dy) / a;
        const v = (-sin * dx + cos * dy) / b;
        if (u * u + v * v <= 1) {
          const o = (y * size + x) * 3;
          rgb[o] = col[0];
          rgb[o + 1] = col[1];
          rgb[o + 2] = col[2];
        }
      }
    }
  }
}
