import type { ExplanationMap, RgbaImage } from '@visor/core';
import { blankImage } from '../image/blankImage.js';
import { blit } from '../image/blit.js';
import { cropResize } from '../image/cropResize.js';

const GAP = 2;

/**
 * The occluded inputs as a grid of thumbnails (the seed paper's Figure 1), from a
 * [n, H, W, C] stack in model-input space. Values are min-max scaled over the whole stack to
 * 0..255 (a constant stack is mid-grey); C = 1 is shown grey, C ≥ 3 uses the first three
 * channels. Each patch is resized to `tileWidth` wide; patches run left to right, top to bottom
 * in a near-square grid with 2-pixel gaps.
 */
export function renderPatchPreview(stack: ExplanationMap, tileWidth: number): RgbaImage {
  const [n = 0, h = 0, w = 0, c = 0] = stack.shape;
  if (stack.shape.length !== 4 || !(n > 0 && h > 0 && w > 0) || !(c === 1 || c >= 3)) {
    throw new Error(`patchPreview: shape [${stack.shape.join(', ')}] is not [n, H, W, C] with C = 1 or C ≥ 3`);
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of stack.data) {
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const span = max > min ? max - min : 0;
  const byte = (v: number) => (span === 0 || !Number.isFinite(v) ? 128 : Math.round(((v - min) / span) * 255));
  const tw = tileWidth;
  const th = Math.max(1, Math.round((tileWidth * h) / w));
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const out = blankImage(cols * tw + (cols + 1) * GAP, rows * th + (rows + 1) * GAP, [32, 32, 32, 255]);
  for (let k = 0; k < n; k++) {
    const patch = new Uint8Array(h * w * 4);
    for (let p = 0; p < h * w; p++) {
      const o = (k * h * w + p) * c;
      const r = byte(stack.data[o]!);
      patch[p * 4] = r;
      patch[p * 4 + 1] = c === 1 ? r : byte(stack.data[o + 1]!);
      patch[p * 4 + 2] = c === 1 ? r : byte(stack.data[o + 2]!);
      patch[p * 4 + 3] = 255;
    }
    const img: RgbaImage = { width: w, height: h, data: patch };
    const tile = tw === w && th === h ? img : cropResize(img, { x: 0, y: 0, width: w, height: h }, tw, th);
    blit(out, tile, GAP + (k % cols) * (tw + GAP), GAP + Math.floor(k / cols) * (th + GAP));
  }
  return out;
}
