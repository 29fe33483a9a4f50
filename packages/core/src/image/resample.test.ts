import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';
import { resampleBilinear, type Raster } from './resample.js';

interface ReferenceCase {
  ref: string;
  height: number;
  width: number;
  channels: number;
  rect: [number, number, number, number];
  outHeight: number;
  outWidth: number;
  antialias: boolean;
  bounds?: 'rect';
  out: number[];
}

/** PIL and PyTorch outputs written by fixtures/resample_reference.py (values rounded to 4 decimals). */
const reference = JSON.parse(readFileSync(new URL('./fixtures/resample-reference.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };

/** The script's input: src[y, x, c] = (37·x + 101·y + 53·c) mod 256. */
function source(height: number, width: number, channels: number): Raster {
  const data = new Float32Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = (37 * x + 101 * y + 53 * c) % 256;
  }
  return { data, width, height, channels };
}

const row = (values: number[]): Raster => ({ data: Float32Array.from(values), width: values.length, height: 1, channels: 1 });

describe('resampleBilinear against PIL and PyTorch', () => {
  it('has cases for every kind of reference', () => {
    expect(new Set(reference.cases.map((c) => c.ref))).toEqual(
      new Set(['torch antialias=False', 'torch antialias=True', 'torch crop, antialias=False', 'torch crop, antialias=True', 'PIL BILINEAR box']),
    );
  });

  for (const c of reference.cases) {
    const [x, y, w, h] = c.rect;
    it(`${c.ref}: ${c.height}×${c.width}×${c.channels}, rect (${x}, ${y}, ${w}×${h}) → ${c.outHeight}×${c.outWidth}`, () => {
      const out = resampleBilinear(source(c.height, c.width, c.channels), { x, y, width: w, height: h }, c.outWidth, c.outHeight, {
        antialias: c.antialias,
        bounds: c.bounds,
      });
      expect(out.length).toBe(c.out.length);
      let worst = 0;
      for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - c.out[i]!));
      // values are 0…255; the reference is rounded to 1e-4 and PIL keeps float32 between its passes
      expect(worst).toBeLessThan(1e-3);
    });
  }
});

describe('resampleBilinear by hand', () => {
  it('enlarging 2 → 4 samples at pixel centres, clamped at the edges', () => {
    // centres 0.5, 1.5, 2.5, 3.5 of the output are 0.25, 0.75, 1.25, 1.75 in the source: between the
    // source centres 0.5 and 1.5 that is 0 (clamped), 0.25, 0.75, 1 (clamped) of the way → 0, 1, 3, 4
    expect(Array.from(resampleBilinear(row([0, 4]), { x: 0, y: 0, width: 2, height: 1 }, 4, 1))).toEqual([0, 1, 3, 4]);
  });

  it('a rect that is the whole raster at its own size is the identity, with or without antialiasing', () => {
    const src = source(5, 7, 3);
    for (const antialias of [true, false]) {
      expect(Array.from(resampleBilinear(src, { x: 0, y: 0, width: 7, height: 5 }, 7, 5, { antialias }))).toEqual(Array.from(src.data));
    }
  });

  it('a shifted rect moves the samples: x offset 0.5 on [0, 10, 20, 30] reads halfway between pixels', () => {
    // output centres 0.5 + 0.5 = 1, 2, 3 → between source centres: 5, 15, 25
    expect(Array.from(resampleBilinear(row([0, 10, 20, 30]), { x: 0.5, y: 0, width: 3, height: 1 }, 3, 1))).toEqual([5, 15, 25]);
  });

  it('a rect reaching past the raster takes the edge pixels there', () => {
    // rect x −2 … 6 over [1, 2, 3, 4] at one sample per unit: centres −1.5, −0.5, 0.5, …, 5.5
    const out = resampleBilinear(row([1, 2, 3, 4]), { x: -2, y: 0, width: 8, height: 1 }, 8, 1);
    expect(Array.from(out)).toEqual([1, 1, 1, 2, 3, 4, 4, 4]);
  });

  it('halving with antialias averages a triangle of 4 source pixels; without, the 2 nearest', () => {
    // output 0 is centred on source coordinate 1 (between pixels 0 and 1), filter half-width 2:
    // weights at centres 0.5, 1.5, 2.5 (and −0.5, dropped) are 0.75, 0.75, 0.25 → (0·0.75 + 8·0.75 + 0)/1.75
    const src = row([0, 8, 0, 8, 0, 8]);
    const aa = resampleBilinear(src, { x: 0, y: 0, width: 6, height: 1 }, 3, 1);
    expect(aa[0]).toBeCloseTo(6 / 1.75, 6);
    // the middle output (centre 3) sees centres 1.5, 2.5, 3.5, 4.5 with weights 0.25, 0.75, 0.75, 0.25 → 4
    expect(aa[1]).toBeCloseTo(4, 6);
    expect(Array.from(resampleBilinear(src, { x: 0, y: 0, width: 6, height: 1 }, 3, 1, { antialias: false }))).toEqual([4, 4, 4]);
  });

  it("bounds 'rect' reads only the rect's pixels, as if it had been cut out; 'raster' blends in its neighbours", () => {
    const src = row([100, 0, 8, 0, 100]);
    // the middle three pixels enlarged to 6: output i is centred on 1 + (i + 0.5)/2 = 1.25, 1.75, …;
    // at 1.25 'raster' weighs pixel 0 (centre 0.5, value 100) 0.25 and pixel 1 0.75 → 25, while 'rect'
    // has only pixel 1 there → 0; at 1.75: 0.75·0 + 0.25·8 = 2; at 2.25: 0.25·0 + 0.75·8 = 6
    const rect = { x: 1, y: 0, width: 3, height: 1 };
    expect(resampleBilinear(src, rect, 6, 1)[0]).toBeCloseTo(25, 6);
    expect(Array.from(resampleBilinear(src, rect, 6, 1, { bounds: 'rect' }))).toEqual([0, 2, 6, 6, 2, 0]);
  });

  it('keeps channels apart', () => {
    const rgba: Raster = { data: Uint8Array.from([10, 20, 30, 255, 50, 60, 70, 255]), width: 2, height: 1, channels: 4 };
    // 2 → 1: the one output is centred between the two pixels
    expect(Array.from(resampleBilinear(rgba, { x: 0, y: 0, width: 2, height: 1 }, 1, 1))).toEqual([30, 40, 50, 255]);
  });

  it('rejects bad sizes with a usage error naming them', () => {
    const bad = (f: () => unknown, what: RegExp) => {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(isVisorError(err) && err.code === 'usage').toBe(true);
      expect(String((err as Error).message)).toMatch(what);
    };
    bad(
      () => resampleBilinear({ data: new Float32Array(5), width: 2, height: 2, channels: 1 }, { x: 0, y: 0, width: 2, height: 2 }, 2, 2),
      /2×2×1 needs 4 values, data has 5/,
    );
    bad(() => resampleBilinear(row([1, 2]), { x: 0, y: 0, width: 0, height: 1 }, 2, 1), /source rect .*0×1.* empty/);
    bad(() => resampleBilinear(row([1, 2]), { x: 0, y: 0, width: 2, height: 1 }, 2.5, 1), /output 2\.5×1/);
    bad(() => resampleBilinear(row([1, 2]), { x: 3, y: 0, width: 2, height: 1 }, 2, 1, { bounds: 'rect' }), /outside the 2×1 raster/);
  });
});
