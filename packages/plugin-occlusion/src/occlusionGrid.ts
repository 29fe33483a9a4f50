import { windowStarts } from './windowStarts.js';

/** One occlusion window: grid cell (row, col) covering rows [top, bottom) and columns [left, right). */
export interface OcclusionWindow {
  /** Row-major index in the grid: row × cols + col. */
  index: number;
  row: number;
  col: number;
  top: number;
  left: number;
  /** Exclusive. */
  bottom: number;
  /** Exclusive. */
  right: number;
}

/** The windows of an occlusion run over an H×W input, in row-major order. */
export interface OcclusionGrid {
  height: number;
  width: number;
  patch: [number, number];
  stride: [number, number];
  rows: number;
  cols: number;
  windows: OcclusionWindow[];
}

/**
 * Places windows of `patch` = [h, w] every `stride` = [sh, sw] pixels over an H×W input, per axis as
 * {@link windowStarts} describes: starts 0, s, 2s, … up to the first window reaching the edge, the
 * last one clipped to the input. Every pixel is covered by at least one window.
 */
export function occlusionGrid(height: number, width: number, patch: [number, number], stride: [number, number]): OcclusionGrid {
  const ys = windowStarts(height, patch[0], stride[0]);
  const xs = windowStarts(width, patch[1], stride[1]);
  const windows: OcclusionWindow[] = [];
  for (let row = 0; row < ys.length; row++) {
    for (let col = 0; col < xs.length; col++) {
      windows.push({
        index: row * xs.length + col,
        row,
        col,
        top: ys[row]!,
        left: xs[col]!,
        bottom: Math.min(ys[row]! + patch[0], height),
        right: Math.min(xs[col]! + patch[1], width),
      });
    }
  }
  return { height, width, patch: [...patch], stride: [...stride], rows: ys.length, cols: xs.length, windows };
}
