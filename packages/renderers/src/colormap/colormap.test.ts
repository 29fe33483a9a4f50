import { interpolateInferno, interpolateRdBu, interpolateTurbo, interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, COLORMAP_SIZE, colormapIndex, colormapLut, colormapRgb, isDiverging, resolveColormap, type ColormapName } from './colormap.js';

/** d3's colour strings as numbers, parsed independently of colormap.ts (#rrggbb or rgb(r, g, b)). */
const d3Rgb = (css: string): number[] =>
  css.startsWith('#') ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) : (css.match(/\d+/g) ?? []).map(Number);

/** The library's colour at t for our names (rdbu is d3's RdBu reversed: blue low, red high). */
const D3: Partial<Record<ColormapName, (t: number) => number[]>> = {
  viridis: (t) => d3Rgb(interpolateViridis(t)),
  inferno: (t) => d3Rgb(interpolateInferno(t)),
  turbo: (t) => d3Rgb(interpolateTurbo(t)),
  rdbu: (t) => d3Rgb(interpolateRdBu(1 - t)),
};

/** Positions between table entries: a few by hand and 500 from a fixed LCG. */
const positions = (() => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return [0.1234, 0.3, 0.75, 1 / 512, 0.999, ...Array.from({ length: 500 }, rand)];
})();

describe('colormapIndex (matplotlib and d3 binning: floor(256·t), 1 → 255)', () => {
  it('bins [0, 1] into 256 equal bins and clamps', () => {
    expect(colormapIndex(0)).toBe(0);
    expect(colormapIndex(1 / 256 - 1e-9)).toBe(0);
    expect(colormapIndex(1 / 256)).toBe(1);
    expect(colormapIndex(0.5)).toBe(128);
    expect(colormapIndex(1 - 1e-9)).toBe(255);
    expect(colormapIndex(1)).toBe(255);
    expect(colormapIndex(-3)).toBe(0);
    expect(colormapIndex(7)).toBe(255);
    expect(colormapIndex(Number.NaN)).toBe(0);
  });

  it('puts each table entry i (the colour at i/255) inside its own bin', () => {
    for (let i = 0; i < COLORMAP_SIZE; i++) expect(colormapIndex(i / 255)).toBe(i);
  });
});

describe('colormapRgb against published colours (written by hand)', () => {
  it('gray: entry i is (i, i, i)', () => {
    expect(colormapRgb('gray', 0)).toEqual([0, 0, 0]);
    expect(colormapRgb('gray', 1)).toEqual([255, 255, 255]);
    expect(colormapRgb('gray', 0.5)).toEqual([128, 128, 128]); // bin 128
    expect(colormapRgb('gray', 0.2)).toEqual([51, 51, 51]); // floor(51.2)
    expect(colormapRgb('gray', 0.75)).toEqual([192, 192, 192]); // bin 192, as matplotlib's gray(0.75) = 192/255
  });

  it('viridis: matplotlib entries 0, 128 and 255, as d3 stores them', () => {
    // matplotlib _viridis_data[0] = (0.267004, 0.004874, 0.329415) = #440154
    expect(colormapRgb('viridis', 0)).toEqual([68, 1, 84]);
    // [128] = (0.127568, 0.566949, 0.550556) · 255 = (32.5, 144.6, 140.4) = #21918c
    expect(colormapRgb('viridis', 0.5)).toEqual([33, 145, 140]);
    // [255] = (0.993248, 0.906157, 0.143936) = #fde725
    expect(colormapRgb('viridis', 1)).toEqual([253, 231, 37]);
  });

  it('inferno: matplotlib entries 0, 128 and 255, as d3 stores them', () => {
    expect(colormapRgb('inferno', 0)).toEqual([0, 0, 4]); // #000004
    // [128] = (0.735683, 0.215906, 0.330245) · 255 = (187.6, 55.1, 84.2) = #bc3754
    expect(colormapRgb('inferno', 0.5)).toEqual([188, 55, 84]);
    expect(colormapRgb('inferno', 1)).toEqual([252, 255, 164]); // #fcffa4
  });

  it("turbo: d3's published polynomial (Mikhailov's approximation) evaluated by hand", () => {
    // r(0) = 34.61, g(0) = 23.31, b(0) = 27.2
    expect(colormapRgb('turbo', 0)).toEqual([35, 23, 27]);
    // r(1) = 34.61 + 1172.33 − 10793.56 + 33300.12 − 38394.49 + 14825.05 = 144.06; g(1) = 12.34; b(1) = −6.19 → 0
    expect(colormapRgb('turbo', 1)).toEqual([144, 12, 0]);
    // bin 128 is the colour at 128/255: (150.08, 250.38, 79.85)
    expect(colormapRgb('turbo', 0.5)).toEqual([150, 250, 80]);
  });

  it('rdbu: ColorBrewer RdBu reversed, ends exact, the B-spline middle slightly warm of #f7f7f7', () => {
    expect(colormapRgb('rdbu', 0)).toEqual([5, 48, 97]); // #053061
    expect(colormapRgb('rdbu', 1)).toEqual([103, 0, 31]); // #67001f
    // bin 128 = d3 RdBu at s = 1 − 128/255 = 0.49804: segment 4 of 10 at u = 0.98039, B-spline weights
    // (0.0000013, 0.17666, 0.66628, 0.15706) on #f4a582, #fddbc7, #f7f7f7, #d1e5f0:
    // r = 0.17666·253 + 0.66628·247 + 0.15706·209 = 242.09, g = 239.23, b = 237.42
    expect(colormapRgb('rdbu', 0.5)).toEqual([242, 239, 237]);
    expect(isDiverging('rdbu')).toBe(true);
    expect(isDiverging('turbo')).toBe(false);
  });

  it("jet: matplotlib's segment data at the bin's entry", () => {
    expect(colormapRgb('jet', 0)).toEqual([0, 0, 128]); // blue starts at 0.5 → 127.5 → 128
    expect(colormapRgb('jet', 1)).toEqual([128, 0, 0]); // red ends at 0.5
    // bin 128 → t = 128/255: red (t − 0.35)/0.31 · 255 = 125.0, green 1, blue (1 − (t − 0.34)/0.31) · 255 = 121.8
    expect(colormapRgb('jet', 0.5)).toEqual([125, 255, 122]);
    // bin 179 → t = 0.70196: red 1 (0.66 … 0.89), green (1 − (t − 0.64)/0.27) · 255 = 196.5 → 196, blue 0
    expect(colormapRgb('jet', 0.7)).toEqual([255, 196, 0]);
  });
});

describe('colormapRgb between table entries, against d3-scale-chromatic', () => {
  it('viridis and inferno equal the library at every t (d3 bins its tables the same way)', () => {
    for (const name of ['viridis', 'inferno'] as const) {
      for (const t of positions) expect(colormapRgb(name, t), `${name}(${t})`).toEqual(D3[name]!(t));
    }
    // 0.1234 lies between entries 31 and 32 (and between the old every-8th samples 24 and 32)
    expect(colormapRgb('viridis', 0.1234)).toEqual(d3Rgb('#472c7a'));
  });

  it('turbo and rdbu (computed by d3 at any t) are within one table step of the library', () => {
    for (const name of ['turbo', 'rdbu'] as const) {
      const lib = D3[name]!;
      // the largest change of any channel between neighbouring entries, from the library alone
      let step = 0;
      for (let i = 0; i < 255; i++) {
        const a = lib(i / 255);
        const b = lib((i + 1) / 255);
        for (let c = 0; c < 3; c++) step = Math.max(step, Math.abs(a[c]! - b[c]!));
      }
      for (const t of positions) {
        const ours = colormapRgb(name, t);
        const ref = lib(t);
        for (let c = 0; c < 3; c++) expect(Math.abs(ours[c]! - ref[c]!), `${name}(${t})[${c}]`).toBeLessThanOrEqual(step);
        // and exactly the library's colour at the bin's entry
        expect(ours).toEqual(lib(Math.min(255, Math.floor(t * 256)) / 255));
      }
    }
  });
});

describe('colormap tables', () => {
  it('clamps out-of-range and NaN positions', () => {
    for (const name of COLORMAP_NAMES) {
      expect(colormapRgb(name, -3)).toEqual(colormapRgb(name, 0));
      expect(colormapRgb(name, 7)).toEqual(colormapRgb(name, 1));
      expect(colormapRgb(name, Number.NaN)).toEqual(colormapRgb(name, 0));
    }
  });

  it('colormapLut is a copy of the 256-entry table', () => {
    const lut = colormapLut('viridis');
    expect(lut.length).toBe(256 * 3);
    expect(Array.from(lut.subarray(128 * 3, 129 * 3))).toEqual([33, 145, 140]);
    lut.fill(0);
    expect(colormapRgb('viridis', 1)).toEqual([253, 231, 37]);
  });
});

describe('resolveColormap', () => {
  it('auto picks rdbu for signed maps and jet otherwise', () => {
    expect(resolveColormap('auto', true)).toBe('rdbu');
    expect(resolveColormap('auto', false)).toBe('jet');
    expect(resolveColormap('inferno', true)).toBe('inferno');
    expect(resolveColormap('turbo', false)).toBe('turbo');
  });

  it('rejects unknown names (also inherited property names), listing the accepted ones', () => {
    expect(() => resolveColormap('rainbow', false)).toThrow(/"rainbow".*colormap.*jet, viridis, inferno, turbo, gray, rdbu/);
    expect(() => resolveColormap('toString', false)).toThrow(/"toString"/);
  });
});
