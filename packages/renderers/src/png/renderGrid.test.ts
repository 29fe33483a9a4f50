import { describe, expect, it } from 'vitest';
import { explanation, imageOf, inputReport, mapOf } from '../__fixtures__/fixtures.js';
import { colormapIndex } from '../colormap/colormap.js';
import { renderGrid, type GridOptions } from './renderGrid.js';

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

// A 32×32 ramp, value = column: bilinear resampling reproduces it exactly (clamped at the outer centres).
const ramp = mapOf(
  Array.from({ length: 32 * 32 }, (_, i) => i % 32),
  [32, 32],
);
const gray: Omit<GridOptions, 'tileSize'> = { colormap: 'gray', normalize: 'minmax', percentile: 99.5, alpha: 1 };
// tile size 32 → font scale 1, header 15 px, gaps 4: the first method's tile starts at x = 4 + 32 + 4, y = 15
const TILE_X = 40;
const TILE_Y = 15;

describe('renderGrid tiles resample the heatmap once, from its own size to the tile', () => {
  it('a tile the size of the heatmap shows its values unchanged (alpha 1, gray: entry = bin of v/31)', () => {
    const input = inputReport({
      modelView: imageOf(32, 32, () => [9, 9, 9]),
      crop: { x: 0, y: 0, width: 32, height: 32 },
      explanations: [explanation({ heatmap: ramp })],
    });
    const grid = renderGrid(input, { ...gray, tileSize: 32 });
    if (!grid) throw new Error('no grid');
    for (const x of [0, 1, 5, 16, 30, 31]) {
      const g = colormapIndex(x / 31);
      expect(px(grid, TILE_X + x, TILE_Y + 16), `column ${x}`).toEqual([g, g, g, 255]);
    }
  });

  it('without a picture the heatmap is drawn opaque and resampled bilinearly, not by nearest neighbour', () => {
    const input = inputReport({ explanations: [explanation({ heatmap: ramp })] });
    const grid = renderGrid(input, { ...gray, alpha: 0.3, tileSize: 64 });
    if (!grid) throw new Error('no grid');
    // tile 64 → font scale 1, header 15; method tile at x = 4 + 64 + 4 = 72. Tile pixel i reads the ramp
    // at (i + 0.5)/2 − 0.5 (clamped to 0 … 31): 0, 0.25, 0.75, …; nearest neighbour would give 0, 0, 1, 1, …
    for (const i of [0, 1, 2, 3, 40, 63]) {
      const v = Math.min(31, Math.max(0, (i + 0.5) / 2 - 0.5));
      const g = colormapIndex(v / 31);
      expect(px(grid, 72 + i, TILE_Y + 32), `tile column ${i}`).toEqual([g, g, g, 255]);
    }
  });
});
