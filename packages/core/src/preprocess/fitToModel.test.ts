import { describe, expect, it } from 'vitest';
import type { DecodedInput } from '../io/DecodedInput.js';
import { fitToModel } from './fitToModel.js';

const image = (width: number, height: number, channels: number, f: (x: number, y: number, c: number) => number): DecodedInput => {
  const data = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
  return { path: 't.png', kind: 'image', width, height, channels, data, display: null };
};
const rows = (d: Float32Array, w: number) => Array.from({ length: d.length / w }, (_, r) => Array.from(d.subarray(r * w, (r + 1) * w)));
const expectRowsClose = (actual: number[][], expected: number[][]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) => row.forEach((v, c) => expect(v, `[${r}][${c}]`).toBeCloseTo(expected[r]![c]!, 4)));
};

describe('fitToModel', () => {
  it('2×2 → 4×4 upscale (half-pixel centres): weights 1, ¾¼, ¼¾, 1 per axis; same with and without antialias', () => {
    // A = [[0, 100], [200, 40]]. Rows: [0,25,75,100] and [200,160,80,40]; then the same weights down.
    const expected = [
      [0, 25, 75, 100],
      [50, 58.75, 76.25, 85],
      [150, 126.25, 78.75, 55],
      [200, 160, 80, 40],
    ];
    const input = image(
      2,
      2,
      1,
      (x, y) =>
        [
          [0, 100],
          [200, 40],
        ][y]![x]!,
    );
    for (const antialias of [true, false]) {
      const out = fitToModel(input, { height: 4, width: 4 }, 'stretch', { antialias });
      expectRowsClose(rows(out.data, 4), expected);
      expect(out.crop).toEqual({ x: 0, y: 0, width: 2, height: 2 });
    }
  });

  it('4×4 → 2×2 downscale of a(y,x) = 40y + 10x', () => {
    const input = image(4, 4, 1, (x, y) => 40 * y + 10 * x);
    // tf.image.resizeBilinear(halfPixelCenters): samples at 0.5 and 2.5 → means of 2×2 blocks.
    const tfLike = fitToModel(input, { height: 2, width: 2 }, 'stretch', { antialias: false });
    expectRowsClose(rows(tfLike.data, 2), [
      [25, 45],
      [105, 125],
    ]);
    // PIL (antialias): support 2 → weights (¾,¾,¼,0)/1.75 = (3,3,1,0)/7 and (0,1,3,3)/7,
    // i.e. mean coordinates 5/7 and 16/7: out = 40·ȳ + 10·x̄.
    const pil = fitToModel(input, { height: 2, width: 2 });
    expectRowsClose(rows(pil.data, 2), [
      [250 / 7, 360 / 7],
      [690 / 7, 800 / 7],
    ]);
  });

  it('identity when the size matches: same values, a copy, whole-image crop', () => {
    const input = image(5, 3, 3, (x, y, c) => x * 7 + y * 13 + c * 0.25);
    const out = fitToModel(input, { height: 3, width: 5 });
    expect(Array.from(out.data)).toEqual(Array.from(input.data));
    expect(out.data).not.toBe(input.data);
    expect(out.crop).toEqual({ x: 0, y: 0, width: 5, height: 3 });
    // also through center-crop: same aspect ratio → whole image
    expect(Array.from(fitToModel(input, { height: 3, width: 5 }, 'center-crop').data)).toEqual(Array.from(input.data));
  });

  it('keeps channels interleaved and constant images constant', () => {
    const input = image(7, 5, 3, (_x, _y, c) => [10, 20, 30][c]!);
    const out = fitToModel(input, { height: 11, width: 3 });
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBeCloseTo([10, 20, 30][i % 3]!, 4);
  });

  it('center-crop takes the centred region with the model aspect ratio, then resizes it', () => {
    // 8 wide × 4 high → 2×2: crop x 2..5; a = x + 100y; block means (TF mode): 2.5+50, 4.5+50, …
    const wide = image(8, 4, 1, (x, y) => x + 100 * y);
    const out = fitToModel(wide, { height: 2, width: 2 }, 'center-crop', { antialias: false });
    expect(out.crop).toEqual({ x: 2, y: 0, width: 4, height: 4 });
    expectRowsClose(rows(out.data, 2), [
      [52.5, 54.5],
      [252.5, 254.5],
    ]);
    // 4 wide × 10 high → square crop of 4 rows starting at row 3
    const tall = image(4, 10, 1, (x, y) => y);
    const t = fitToModel(tall, { height: 4, width: 4 }, 'center-crop');
    expect(t.crop).toEqual({ x: 0, y: 3, width: 4, height: 4 });
    expect(rows(t.data, 4).map((r) => r[0])).toEqual([3, 4, 5, 6]);
    // stretch instead uses the whole image
    expect(fitToModel(tall, { height: 4, width: 4 }).crop).toEqual({ x: 0, y: 0, width: 4, height: 10 });
  });

  it('modelView is the resized picture, rounded and opaque; sizes are validated', () => {
    const out = fitToModel(
      image(
        2,
        2,
        1,
        (x, y) =>
          [
            [0, 100],
            [200, 40],
          ][y]![x]!,
      ),
      { height: 4, width: 4 },
    );
    // row 1 col 1 = 58.75 → 59
    expect(Array.from(out.modelView!.data.subarray((1 * 4 + 1) * 4, (1 * 4 + 1) * 4 + 4))).toEqual([59, 59, 59, 255]);
    expect(() =>
      fitToModel(
        image(2, 2, 1, () => 0),
        { height: 0, width: 4 },
      ),
    ).toThrow(/positive whole numbers, got 4×0/);
  });
});
