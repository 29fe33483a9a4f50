import { describe, expect, it } from 'vitest';
import { windowStarts } from './windowStarts.js';
import { occlusionGrid } from './occlusionGrid.js';

describe('windowStarts', () => {
  it('tiles without overlap when stride = patch: 224 / 16 → 14 windows 0, 16, …, 208', () => {
    const s = windowStarts(224, 16, 16);
    expect(s).toHaveLength(14);
    expect(s[0]).toBe(0);
    expect(s[13]).toBe(208);
  });

  it('keeps the overhanging last window (clipped later), never drops it: 10 / 4 → 0, 4, 8', () => {
    expect(windowStarts(10, 4, 4)).toEqual([0, 4, 8]);
  });

  it('stops at the first window reaching the edge: 5, patch 3, stride 1 → 0, 1, 2', () => {
    expect(windowStarts(5, 3, 1)).toEqual([0, 1, 2]);
  });

  it('overlapping with a clipped edge: 6, patch 3, stride 2 → 0, 2, 4 ([4, 6) clipped)', () => {
    expect(windowStarts(6, 3, 2)).toEqual([0, 2, 4]);
  });

  it('patch = size gives one window', () => {
    expect(windowStarts(7, 7, 3)).toEqual([0]);
  });

  it('covers every position at least once for many sizes, patches and strides', () => {
    for (let size = 1; size <= 20; size++) {
      for (let patch = 1; patch <= size; patch++) {
        for (let stride = 1; stride <= patch; stride++) {
          const starts = windowStarts(size, patch, stride);
          const covered = new Array(size).fill(0);
          for (const s of starts) for (let i = s; i < Math.min(s + patch, size); i++) covered[i]++;
          expect(
            covered.every((c) => c >= 1),
            `${size}/${patch}/${stride}`,
          ).toBe(true);
          expect(starts).toHaveLength(1 + Math.ceil((size - patch) / stride));
        }
      }
    }
  });

  it('refuses a patch larger than the axis and a stride larger than the patch', () => {
    expect(() => windowStarts(4, 5, 1)).toThrow(/patch 5 is larger than the axis \(4\)/);
    expect(() => windowStarts(8, 2, 3)).toThrow(/stride 3 is larger than the patch 2/);
    expect(() => windowStarts(8, 2, 0)).toThrow(/stride must be an integer ≥ 1, got 0/);
  });
});

describe('occlusionGrid', () => {
  it('places rectangular windows row-major with clipped right/bottom edges (3×5, patch 2×3)', () => {
    const g = occlusionGrid(3, 5, [2, 3], [2, 3]);
    expect([g.rows, g.cols]).toEqual([2, 2]);
    expect(g.windows.map((w) => [w.index, w.top, w.bottom, w.left, w.right])).toEqual([
      [0, 0, 2, 0, 3],
      [1, 0, 2, 3, 5],
      [2, 2, 3, 0, 3],
      [3, 2, 3, 3, 5],
    ]);
  });
});
