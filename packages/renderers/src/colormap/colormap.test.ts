import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, colormapLut, colormapRgb, isDiverging, resolveColormap } from './colormap.js';

describe('colormapRgb', () => {
  it('gray: black to white, halves rounded up', () => {
    expect(colormapRgb('gray', 0)).toEqual([0, 0, 0]);
    expect(colormapRgb('gray', 1)).toEqual([255, 255, 255]);
    // 0.5 · 255 = 127.5 → 128 (Math.round)
    expect(colormapRgb('gray', 0.5)).toEqual([128, 128, 128]);
    // 0.2 · 255 = 51 exactly
    expect(colormapRgb('gray', 0.2)).toEqual([51, 51, 51]);
  });

  it('viridis endpoints and middle entry match matplotlib', () => {
    expect(colormapRgb('viridis', 0)).toEqual([68, 1, 84]);
    expect(colormapRgb('viridis', 1)).toEqual([253, 231, 37]);
    // matplotlib entry 128 = (0.127568, 0.566949, 0.550556) · 255 = (32.5, 144.6, 140.4)
    expect(colormapRgb('viridis', 128 / 255)).toEqual([33, 145, 140]);
  });

  it('inferno endpoints and middle entry match matplotlib', () => {
    expect(colormapRgb('inferno', 0)).toEqual([0, 0, 4]);
    expect(colormapRgb('inferno', 1)).toEqual([252, 255, 164]);
    // entry 128 = (0.735683, 0.215906, 0.330245) · 255 = (187.6, 55.1, 84.2)
    expect(colormapRgb('inferno', 128 / 255)).toEqual([188, 55, 84]);
  });

  it('jet follows matplotlib segment data', () => {
    // blue starts at 0.5 → 127.5 → 128; red ends at 0.5
    expect(colormapRgb('jet', 0)).toEqual([0, 0, 128]);
    expect(colormapRgb('jet', 1)).toEqual([128, 0, 0]);
    // at 0.5: red (0.5-0.35)/(0.66-0.35) = 0.4839 → 123.4; green 1; blue 1-(0.5-0.34)/(0.65-0.34) = 0.4839
    expect(colormapRgb('jet', 0.5)).toEqual([123, 255, 123]);
    // at 0.125: red 0, green 0 (flat until 0.125), blue 1 (flat 0.11..0.34)
    expect(colormapRgb('jet', 0.125)).toEqual([0, 0, 255]);
  });

  it('rdbu is RdBu_r: blue low, white-ish middle, red high', () => {
    expect(colormapRgb('rdbu', 0)).toEqual([5, 48, 97]);
    expect(colormapRgb('rdbu', 0.5)).toEqual([247, 247, 247]);
    expect(colormapRgb('rdbu', 1)).toEqual([103, 0, 31]);
    // halfway between #f7f7f7 (0.5) and #fddbc7 (0.6): (250, 233, 223)
    expect(colormapRgb('rdbu', 0.55)).toEqual([250, 233, 223]);
    expect(isDiverging('rdbu')).toBe(true);
    expect(isDiverging('jet')).toBe(false);
  });

  it('clamps out-of-range and NaN positions', () => {
    for (const name of COLORMAP_NAMES) {
      expect(colormapRgb(name, -3)).toEqual(colormapRgb(name, 0));
      expect(colormapRgb(name, 7)).toEqual(colormapRgb(name, 1));
      expect(colormapRgb(name, Number.NaN)).toEqual(colormapRgb(name, 0));
    }
  });

  it('builds lookup tables whose entries are the colours at i/(n-1)', () => {
    const lut = colormapLut('viridis', 3);
    expect(Array.from(lut)).toEqual([...colormapRgb('viridis', 0), ...colormapRgb('viridis', 0.5), 253, 231, 37]);
  });
});

describe('resolveColormap', () => {
  it('auto picks rdbu for signed maps and jet otherwise', () => {
    expect(resolveColormap('auto', true)).toBe('rdbu');
    expect(resolveColormap('auto', false)).toBe('jet');
    expect(resolveColormap('inferno', true)).toBe('inferno');
  });

  it('rejects unknown names, listing the accepted ones', () => {
    expect(() => resolveColormap('rainbow', false)).toThrow(/"rainbow".*colormap.*jet, viridis, inferno, gray, rdbu/);
  });
});
