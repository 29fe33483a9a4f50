import { describe, expect, it } from 'vitest';
import { imageOf } from '../__fixtures__/fixtures.js';
import { ColorScale } from './ColorScale.js';
import { overlayHeatmap } from './overlayHeatmap.js';

const gray = (lo: number, hi: number) => new ColorScale('gray', { lo, hi, flat: 0 });
const row = (img: { data: Uint8Array; width: number }, c = 0) => Array.from({ length: img.width }, (_, x) => img.data[x * 4 + c]);

describe('overlayHeatmap', () => {
  it('maps heatmap cells onto original pixels bilinearly (pixel centres)', () => {
    const base = imageOf(4, 1, () => [0, 0, 0]);
    const heat = { data: Float32Array.from([0, 4]), width: 2, height: 1 };
    const out = overlayHeatmap(base, heat, { x: 0, y: 0, width: 4, height: 1 }, gray(0, 4), 1);
    // pixel centres 0.5, 1.5, 2.5, 3.5 → heat x = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
    // values 0, 1, 3, 4 → t 0, 0.25, 0.75, 1 → gray table bins floor(256·t) = 0, 64, 192, 255
    expect(row(out)).toEqual([0, 64, 192, 255]);
    expect(row(out, 3)).toEqual([255, 255, 255, 255]);
  });

  it('covers only the crop region of the original', () => {
    const base = imageOf(6, 1, () => [10, 20, 30]);
    const heat = { data: Float32Array.from([0, 4]), width: 2, height: 1 };
    const out = overlayHeatmap(base, heat, { x: 2, y: 0, width: 4, height: 1 }, gray(0, 4), 1);
    expect(row(out)).toEqual([10, 10, 0, 64, 192, 255]);
    expect(row(out, 1)).toEqual([20, 20, 0, 64, 192, 255]);
  });

  it('on an original smaller than the heatmap, each pixel averages the cells it covers (antialiased)', () => {
    const base = imageOf(2, 1, () => [0, 0, 0]);
    const heat = { data: Float32Array.from([0, 4, 0, 4]), width: 4, height: 1 };
    const out = overlayHeatmap(base, heat, { x: 0, y: 0, width: 2, height: 1 }, gray(0, 4), 1);
    // pixel 0 is centred on heat coordinate 1 and covers 2 cells: triangle weights 0.75, 0.75, 0.25 on
    // the cells centred at 0.5, 1.5, 2.5 → (0 + 3 + 0)/1.75 = 1.714 → t 0.4286 → bin 109 (a point
    // sample would read 2 → bin 128); pixel 1 (centre 3): cells 1, 2, 3 weigh 0.25, 0.75, 0.75 (the 0.25 of a
    // cell past the edge is dropped) → (1 + 0 + 3)/1.75 = 2.286 → t 0.5714 → bin 146
    expect(row(out)).toEqual([109, 146]);
  });

  it('blends with alpha: round((1 − a)·base + a·colour)', () => {
    const base = imageOf(2, 1, () => [100, 100, 100]);
    const heat = { data: Float32Array.from([0, 1]), width: 2, height: 1 };
    const out = overlayHeatmap(base, heat, { x: 0, y: 0, width: 2, height: 1 }, gray(0, 1), 0.5);
    // 0.5·100 + 0.5·0 = 50; 0.5·100 + 0.5·255 = 177.5 → 178
    expect(row(out)).toEqual([50, 178]);
    const quarter = overlayHeatmap(base, heat, { x: 0, y: 0, width: 2, height: 1 }, gray(0, 1), 0.25);
    // 0.75·100 + 0.25·255 = 138.75 → 139
    expect(row(quarter)).toEqual([75, 139]);
  });

  it('alpha 0 returns the original image exactly', () => {
    const base = imageOf(5, 3, (x, y) => [x * 40, y * 70, (x * y * 13) % 256]);
    const heat = { data: Float32Array.from([0, 1, 2, 3]), width: 2, height: 2 };
    const out = overlayHeatmap(base, heat, { x: 1, y: 0, width: 3, height: 3 }, new ColorScale('jet', { lo: 0, hi: 3, flat: 0 }), 0);
    expect(Array.from(out.data)).toEqual(Array.from(base.data));
  });

  it('rejects alpha outside [0, 1]', () => {
    const base = imageOf(1, 1, () => [0, 0, 0]);
    expect(() => overlayHeatmap(base, { data: Float32Array.from([0]), width: 1, height: 1 }, { x: 0, y: 0, width: 1, height: 1 }, gray(0, 1), 1.5)).toThrow(
      /alpha.*1\.5/,
    );
  });
});
