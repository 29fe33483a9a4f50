import { describe, expect, it } from 'vitest';
import { CLASS_NAMES, CORNERS, SHAPE_PROPORTIONS, WATERMARK_SIZE, generateSample, mulberry32, shapeFor, watermarkBox } from './index.mjs';

const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);

describe('mulberry32', () => {
  it('is reproducible and uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 20_000 }, () => a());
    expect(Array.from({ length: 20_000 }, () => b())).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // mean of U(0,1) is 1/2 with standard error 1/sqrt(12·20000) ≈ 0.002
    expect(Math.abs(xs.reduce((s, v) => s + v, 0) / xs.length - 0.5)).toBeLessThan(0.01);
    // each tenth of [0, 1) gets ~2000 draws (sd ≈ 42)
    const bins = new Array(10).fill(0);
    for (const v of xs) bins[Math.floor(v * 10)]++;
    for (const n of bins) expect(Math.abs(n - 2000)).toBeLessThan(250);
  });

  it('rejects a non-numeric seed', () => {
    expect(() => mulberry32(Number.NaN)).toThrow(/seed must be a finite integer, got NaN/);
  });
});

describe('shapeFor', () => {
  it('has the analytic areas of the shapes', () => {
    const r = 10;
    expect(shapeFor('circle', r, 0).area).toBeCloseTo(Math.PI * 100, 9);
    expect(shapeFor('square', r, 0).area).toBeCloseTo(200, 9); // diagonal 2r → side r√2
    expect(shapeFor('triangle', r, 0).area).toBeCloseTo((3 * Math.sqrt(3) * 100) / 4, 9);
    const w = SHAPE_PROPORTIONS.crossHalfWidth * r;
    expect(shapeFor('cross', r, 0).area).toBeCloseTo(2 * (2 * r) * (2 * w) - (2 * w) ** 2, 9);
    const q = SHAPE_PROPORTIONS.ringInner * r;
    expect(shapeFor('ring', r, 0).area).toBeCloseTo(Math.PI * (r * r - q * q), 9);
    // star: 10 triangles with sides r and q (inner) meeting at 36°
    const qs = SHAPE_PROPORTIONS.starInner * r;
    expect(shapeFor('star', r, 0).area).toBeCloseTo(10 * 0.5 * r * qs * Math.sin(Math.PI / 5), 9);
  });

  it('contains the centre (the ring does not) and nothing beyond its extent', () => {
    expect(shapeFor('ring', 10, 0).contains(0, 0)).toBe(false);
    expect(shapeFor('ring', 10, 0).contains(8, 0)).toBe(true); // between 5.5 and 10
    for (const name of CLASS_NAMES) {
      const s = shapeFor(name, 10, 0.3);
      expect(s.contains(0, 0)).toBe(true);
      expect(s.contains(s.extent + 0.01, 0)).toBe(false);
      expect(s.contains(0, -(s.extent + 0.01))).toBe(false);
    }
    // a square of circumradius 10 rotated by 0 has its corner at (7.07, 7.07)
    expect(shapeFor('square', 10, 0).contains(7, 7)).toBe(true);
    expect(shapeFor('square', 10, 0).contains(7.2, 0)).toBe(false);
    // rotated by 45° that corner lies on the x axis
    expect(shapeFor('square', 10, Math.PI / 4).contains(9.9, 0)).toBe(true);
  });

  it('names the accepted shapes for an unknown one', () => {
    expect(() => shapeFor('hexagon', 5, 0)).toThrow(/unknown shape "hexagon"; expected one of circle, square/);
  });
});

describe('generateSample', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const a = generateSample(123, { watermarkClasses: [0] });
    const b = generateSample(123, { watermarkClasses: [0] });
    const c = generateSample(124, { watermarkClasses: [0] });
    expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
    expect(Buffer.from(a.mask).equals(Buffer.from(b.mask))).toBe(true);
    expect(a.bbox).toEqual(b.bbox);
    expect(Buffer.from(a.image).equals(Buffer.from(c.image))).toBe(false);
    expect(a.image.length).toBe(64 * 64 * 3);
    expect(a.mask.length).toBe(64 * 64);
  });

  it('draws every class with roughly uniform frequency', () => {
    const counts = new Array(CLASS_NAMES.length).fill(0);
    for (let s = 0; s < 600; s++) counts[generateSample(s).classIndex]++;
    for (const n of counts) expect(n).toBeGreaterThan(80); // expected 600/5 = 120 each (sd ≈ 10)
  });

  it('masks cover the drawn shape: pixel count ≈ analytic area', () => {
    // pixel-centre sampling: the error is a boundary effect, a few % of the area at these radii
    for (let k = 0; k < 60; k++) {
      const classIndex = k % CLASS_NAMES.length;
      const s = generateSample(7000 + k, { classIndex, size: 128 });
      const n = count(s.mask);
      expect(Math.abs(n - s.object.area) / s.object.area).toBeLessThan(0.06);
    }
    // a worked case: a circle's mask spans its diameter
    const c = generateSample(99, { classIndex: 0, size: 128 });
    expect(Math.abs(c.bbox.width - 2 * c.object.radius)).toBeLessThanOrEqual(2);
    expect(Math.abs(c.bbox.height - 2 * c.object.radius)).toBeLessThanOrEqual(2);
    expect(Math.abs(count(c.mask) - Math.PI * c.object.radius ** 2) / (Math.PI * c.object.radius ** 2)).toBeLessThan(0.04);
  });

  it('bbox is the tight box of the mask and lies inside the image', () => {
    for (let seed = 0; seed < 30; seed++) {
      const s = generateSample(seed);
      const { x, y, width, height } = s.bbox;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(64);
      expect(y + height).toBeLessThanOrEqual(64);
      let inside = 0;
      const rows = new Set<number>();
      const cols = new Set<number>();
      for (let i = 0; i < 64 * 64; i++) {
        if (!s.mask[i]) continue;
        const px = i % 64;
        const py = Math.floor(i / 64);
        if (px >= x && px < x + width && py >= y && py < y + height) inside++;
        rows.add(py);
        cols.add(px);
      }
      expect(inside).toBe(count(s.mask));
      // tight: the box's edge rows/columns each hold mask pixels
      expect(rows.has(y) && rows.has(y + height - 1) && cols.has(x) && cols.has(x + width - 1)).toBe(true);
    }
  });

  it('the object is visible: mask pixels differ in colour from the background around it', () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = generateSample(seed);
      const lum = (i: number) => 0.299 * s.image[3 * i]! + 0.587 * s.image[3 * i + 1]! + 0.114 * s.image[3 * i + 2]!;
      let inSum = 0;
      let outSum = 0;
      let nIn = 0;
      let nOut = 0;
      for (let i = 0; i < 64 * 64; i++) {
        if (s.mask[i]) {
          inSum += lum(i);
          nIn++;
        } else {
          outSum += lum(i);
          nOut++;
        }
      }
      // the generator asks for ≥ 0.4·255 ≈ 102 luminance contrast to the background mean; shading,
      // distractors and the (clamped) texture eat some of it
      expect(Math.abs(inSum / nIn - outSum / nOut)).toBeGreaterThan(40);
    }
  });

  it('the watermark policy: on exactly for the listed classes, in a corner, never over the object', () => {
    for (let seed = 0; seed < 48; seed++) {
      const s = generateSample(seed, { watermarkClasses: [0] });
      expect(s.watermark !== null).toBe(s.classIndex === 0);
      expect(generateSample(seed).watermark).toBeNull();
      for (const corner of CORNERS) {
        const w = generateSample(seed, { watermark: true, watermarkCorner: corner }).watermark!;
        expect(w).toEqual(watermarkBox(corner, 64));
        for (let y = w.y; y < w.y + w.height; y++) {
          for (let x = w.x; x < w.x + w.width; x++) expect(s.mask[y * 64 + x]).toBe(0);
        }
      }
    }
  });

  it('moving the watermark changes only the watermark pixels (a controlled experiment)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const off = generateSample(seed, { watermark: false });
      const on = generateSample(seed, { watermark: true });
      expect(on.classIndex).toBe(off.classIndex);
      expect(Buffer.from(on.mask).equals(Buffer.from(off.mask))).toBe(true);
      const w = on.watermark!;
      expect([w.width, w.height]).toEqual([WATERMARK_SIZE, WATERMARK_SIZE]);
      let changedOutside = 0;
      let yellow = 0;
      for (let i = 0; i < 64 * 64; i++) {
        const px = i % 64;
        const py = Math.floor(i / 64);
        const inBox = px >= w.x && px < w.x + w.width && py >= w.y && py < w.y + w.height;
        const same = [0, 1, 2].every((c) => on.image[3 * i + c] === off.image[3 * i + c]);
        if (!inBox && !same) changedOutside++;
        if (inBox && on.image[3 * i] === 255 && on.image[3 * i + 1] === 230 && on.image[3 * i + 2] === 0) yellow++;
      }
      expect(changedOutside).toBe(0);
      // 12×12 checker of 2×2 cells (6×6 cells, alternating): half of the 144 pixels are yellow
      expect(yellow).toBe(72);
    }
  });

  it('forcing the class keeps the rest of the scene (the background is the same)', () => {
    const a = generateSample(5, { classIndex: 1 });
    const b = generateSample(5, { classIndex: 2 });
    let same = 0;
    for (let i = 0; i < 64 * 64; i++) {
      if (a.mask[i] || b.mask[i]) continue;
      if ([0, 1, 2].every((c) => a.image[3 * i + c] === b.image[3 * i + c])) same++;
    }
    expect(same).toBe(64 * 64 - count(a.mask.map((v, i) => v | b.mask[i]!)));
    expect(a.object.x).toBe(b.object.x);
  });

  it('draws the rotation from [-maxRotation, maxRotation] and leaves the scene otherwise alone', () => {
    const rots = Array.from({ length: 200 }, (_, s) => generateSample(s).object.rotation);
    expect(Math.max(...rots.map(Math.abs))).toBeLessThanOrEqual(Math.PI / 4);
    expect(Math.max(...rots)).toBeGreaterThan(0.6); // uniform on ±0.785: some near the ends
    expect(Math.min(...rots)).toBeLessThan(-0.6);
    expect(Math.abs(generateSample(3, { maxRotation: 0 }).object.rotation)).toBe(0);
    expect(generateSample(3, { maxRotation: 0 }).object.x).toBe(generateSample(3).object.x);
  });

  it('clutter 0 leaves a smooth gradient: neighbouring background pixels differ little', () => {
    const s = generateSample(11, { clutter: 0, distractorRange: [0, 0] });
    let maxStep = 0;
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 63; x++) {
        const i = y * 64 + x;
        if (s.mask[i] || s.mask[i + 1]) continue;
        for (let c = 0; c < 3; c++) maxStep = Math.max(maxStep, Math.abs(s.image[3 * i + c]! - s.image[3 * (i + 1) + c]!));
      }
    }
    // a linear blend of two colours over 63 pixels moves at most 255/63 ≈ 4 levels per pixel (+1 rounding)
    expect(maxStep).toBeLessThanOrEqual(6);
  });

  it('rejects bad options with the option name, the value and what is accepted', () => {
    expect(() => generateSample(1, { size: 10 })).toThrow(/option size must be an integer in 32\.\.512, got 10/);
    expect(() => generateSample(1, { classIndex: 6 })).toThrow(/option classIndex must be an integer in 0\.\.4, got 6/);
    expect(() => generateSample(1, { watermark: 'yes' as never })).toThrow(/option watermark must be true, false or 'policy', got "yes"/);
    expect(() => generateSample(1, { watermarkCorner: 'middle' })).toThrow(/watermarkCorner must be one of top-left, top-right/);
    expect(() => generateSample(1, { maxRotation: 4 })).toThrow(/option maxRotation must be a number of radians in \[0, π\], got 4/);
    expect(() => generateSample(1, { clutter: -1 })).toThrow(/option clutter must be a number in \[0, 2\], got -1/);
    expect(() => generateSample(1, { colour: 'red' } as never)).toThrow(/unknown option "colour"; accepted: size, classIndex/);
  });
});
