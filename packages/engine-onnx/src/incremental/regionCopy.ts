import type { Box } from './Box.js';

/**
 * A window onto one image's map: `data` holds `channels` × `height` × `width` values (NCHW order when
 * `channelsFirst`, else NHWC) starting at `offset`, and its first position is the global position
 * (`y`, `x`) of the whole map.
 */
export interface MapWindow {
  data: Float32Array;
  offset: number;
  channelsFirst: boolean;
  channels: number;
  y: number;
  x: number;
  height: number;
  width: number;
}

/** Copies every channel of the positions in `box` (global coordinates, inside both windows) from `src` to `dst`. */
export function copyRegion(src: MapWindow, dst: MapWindow, box: Box): void {
  const rows = box.y1 - box.y0;
  const cols = box.x1 - box.x0;
  if (rows <= 0 || cols <= 0) return;
  const C = src.channels;
  const from = src.data;
  const to = dst.data;
  if (src.channelsFirst) {
    // Rows of a crop are short (a few dozen values): an element loop beats a subarray view per row.
    const sPlane = src.height * src.width;
    const dPlane = dst.height * dst.width;
    const s0 = src.offset + (box.y0 - src.y) * src.width + (box.x0 - src.x);
    const d0 = dst.offset + (box.y0 - dst.y) * dst.width + (box.x0 - dst.x);
    for (let c = 0; c < C; c++) {
      for (let r = 0; r < rows; r++) {
        const s = s0 + c * sPlane + r * src.width;
        const d = d0 + c * dPlane + r * dst.width;
        for (let i = 0; i < cols; i++) to[d + i] = from[s + i]!; // the box lies inside both windows
      }
    }
  } else {
    const n = cols * C;
    for (let r = 0; r < rows; r++) {
      const s = src.offset + ((box.y0 + r - src.y) * src.width + (box.x0 - src.x)) * C;
      const d = dst.offset + ((box.y0 + r - dst.y) * dst.width + (box.x0 - dst.x)) * C;
      if (n >= 256) to.set(from.subarray(s, s + n), d);
      else for (let i = 0; i < n; i++) to[d + i] = from[s + i]!; // the box lies inside both windows
    }
  }
}

/**
 * Fills the whole of `dst` with `base`'s values, except inside `box` (global coordinates, inside `dst`
 * and `patch`), where it takes `patch`'s: each value written once (a crop of a reference map with an
 * image's changed values in it).
 */
export function composeRegion(base: MapWindow, patch: MapWindow, box: Box, dst: MapWindow): void {
  const whole = { y0: dst.y, y1: dst.y + dst.height, x0: dst.x, x1: dst.x + dst.width };
  const y0 = Math.max(box.y0, whole.y0);
  const y1 = Math.min(box.y1, whole.y1);
  const x0 = Math.max(box.x0, whole.x0);
  const x1 = Math.min(box.x1, whole.x1);
  if (y1 <= y0 || x1 <= x0) {
    copyRegion(base, dst, whole);
    return;
  }
  copyRegion(base, dst, { ...whole, y1: y0 }); // rows above the box
  copyRegion(base, dst, { ...whole, y0: y1 }); // rows below
  copyRegion(base, dst, { y0, y1, x0: whole.x0, x1: x0 }); // left of the box
  copyRegion(base, dst, { y0, y1, x0: x1, x1: whole.x1 }); // right of it
  copyRegion(patch, dst, { y0, y1, x0, x1 });
}

/**
 * The box of positions where two channels-last images [H, W, C] differ (any channel), or null when
 * they are equal. Values are compared exactly (an occluded copy differs where its window is).
 */
export function differenceBox(a: Float32Array, b: Float32Array, height: number, width: number, channels: number, aOffset = 0, bOffset = 0): Box | null {
  let y0 = height;
  let y1 = -1;
  let x0 = width;
  let x1 = -1;
  const rowLength = width * channels;
  for (let y = 0; y < height; y++) {
    const ra = aOffset + y * rowLength;
    const rb = bOffset + y * rowLength;
    let first = -1;
    for (let i = 0; i < rowLength; i++) {
      if (a[ra + i] !== b[rb + i]) {
        first = i;
        break;
      }
    }
    if (first < 0) continue;
    let last = first;
    for (let i = rowLength - 1; i > first; i--) {
      if (a[ra + i] !== b[rb + i]) {
        last = i;
        break;
      }
    }
    if (y < y0) y0 = y;
    y1 = y;
    x0 = Math.min(x0, Math.floor(first / channels));
    x1 = Math.max(x1, Math.floor(last / channels));
  }
  return y1 < 0 ? null : { y0, y1: y1 + 1, x0, x1: x1 + 1 };
}

/**
 * Per value, the value most of the `count` images share (Boyer–Moore majority vote, then checked):
 * for a batch of occluded copies of one image, that image wherever fewer than half of the copies
 * cover a position. Positions without a majority keep the first image's value.
 */
export function majorityImage(batch: Float32Array, count: number, size: number): Float32Array {
  const out = batch.slice(0, size);
  // batch holds count · size values: every index below is within it.
  for (let i = 0; i < size; i++) {
    let candidate = batch[i]!;
    let votes = 0;
    for (let n = 0; n < count; n++) {
      const v = batch[n * size + i]!;
      if (votes === 0) {
        candidate = v;
        votes = 1;
      } else if (v === candidate) votes++;
      else votes--;
    }
    let seen = 0;
    for (let n = 0; n < count; n++) if (batch[n * size + i] === candidate) seen++;
    if (2 * seen > count) out[i] = candidate;
  }
  return out;
}
