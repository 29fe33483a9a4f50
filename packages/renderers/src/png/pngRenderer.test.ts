import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { explanation, imageOf, inputReport, mapOf, memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { colormapRgb } from '../colormap/colormap.js';
import { decodePng } from '../image/encodePng.js';
import type { PngRendererOptions } from './PngRendererOptions.js';
import { pngRenderer } from './pngRenderer.js';

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

async function render(report: ReturnType<typeof runReport>, options: Partial<PngRendererOptions>) {
  const { ctx, files } = memoryContext<PngRendererOptions>(options);
  await pngRenderer.render(report, ctx);
  const png = (name: string) => {
    const f = files.get(name);
    if (!(f instanceof Uint8Array)) throw new Error(`no file ${name}; have ${[...files.keys()].join(', ')}`);
    return decodePng(f);
  };
  return { files, png };
}

describe('png renderer', () => {
  it('renders a known 2×2 map to known pixel values', async () => {
    const heatmap = mapOf([0, 1, 2, 4], [2, 2]);
    const report = runReport([inputReport({ explanations: [explanation({ heatmap })] })]);
    const { png } = await render(report, { colormap: 'gray', normalize: 'minmax' });
    const img = png('cat/cam-1-heatmap.png');
    // t = 0, 1/4, 1/2, 1 → gray table bins floor(256·t) = 0, 64, 128, 255
    expect([img.width, img.height]).toEqual([2, 2]);
    expect(px(img, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(img, 1, 0)).toEqual([64, 64, 64, 255]);
    expect(px(img, 0, 1)).toEqual([128, 128, 128, 255]);
    expect(px(img, 1, 1)).toEqual([255, 255, 255, 255]);
  });

  it('writes the overlay on the original at its own resolution, covering the crop', async () => {
    // original 6×2, crop x 2..6 (width 4, height 2), heatmap 1×2 [0, 4] (shape [1, 2])
    const original = imageOf(6, 2, () => [10, 20, 30]);
    const heatmap = mapOf([0, 4], [1, 2]);
    const input = inputReport({ original, crop: { x: 2, y: 0, width: 4, height: 2 }, explanations: [explanation({ heatmap })] });
    const { png } = await render(runReport([input]), { colormap: 'gray', normalize: 'minmax', alpha: 1 });
    const img = png('cat/cam-1.png');
    expect([img.width, img.height]).toEqual([6, 2]);
    for (const y of [0, 1]) {
      expect([0, 1, 2, 3, 4, 5].map((x) => px(img, x, y)[0])).toEqual([10, 10, 0, 64, 192, 255]);
    }
  });

  it('alpha 0 reproduces the original exactly', async () => {
    const original = imageOf(7, 5, (x, y) => [x * 30, y * 50, 200 - x * y]);
    const heatmap = mapOf([0, 3, 1, 2], [2, 2]);
    const input = inputReport({ original, crop: { x: 1, y: 1, width: 5, height: 3 }, explanations: [explanation({ heatmap })] });
    const { png } = await render(runReport([input]), { alpha: 0 });
    expect(Array.from(png('cat/cam-1.png').data)).toEqual(Array.from(original.data));
  });

  it('renders a constant or all-zero map flat (no NaN)', async () => {
    const constant = explanation({ heatmap: mapOf([2, 2, 2, 2], [2, 2]) });
    const zeroSigned = explanation({ method: 'occlusion', heatmap: mapOf([0, 0, 0, 0], [2, 2], true) });
    const { png } = await render(runReport([inputReport({ explanations: [constant, zeroSigned] })]), {});
    const flat = png('cat/cam-1-heatmap.png');
    // unsigned, auto → jet at 0 = (0, 0, 128)
    for (let i = 0; i < 4; i++) expect(px(flat, i % 2, i >> 1)).toEqual([0, 0, 128, 255]);
    const zero = png('cat/occlusion-1-heatmap.png');
    // signed, auto → rdbu at 0.5: d3's RdBu B-spline near #f7f7f7 (worked out in colormap.test.ts)
    for (let i = 0; i < 4; i++) expect(px(zero, i % 2, i >> 1)).toEqual([242, 239, 237, 255]);
  });

  it('picks rdbu for signed maps with symmetric normalisation by default', async () => {
    const e = explanation({ heatmap: mapOf([-1, 0, 0.5, 1], [2, 2], true) });
    const { png } = await render(runReport([inputReport({ explanations: [e] })]), {});
    const img = png('cat/cam-1-heatmap.png');
    // window [−1, 1]: t = 0, 0.5, 0.75, 1
    expect(px(img, 0, 0).slice(0, 3)).toEqual([5, 48, 97]); // ColorBrewer #053061
    expect(px(img, 1, 0).slice(0, 3)).toEqual([242, 239, 237]);
    expect(px(img, 0, 1).slice(0, 3)).toEqual(colormapRgb('rdbu', 0.75));
    expect(px(img, 1, 1).slice(0, 3)).toEqual([103, 0, 31]); // #67001f
  });

  it('overlays on the model view without an original, and writes the heatmap alone without any picture', async () => {
    const modelView = imageOf(2, 2, () => [100, 100, 100]);
    const heatmap = mapOf([0, 1, 0, 1], [2, 2]);
    const withView = inputReport({ stem: 'arr1', modelView, explanations: [explanation({ heatmap })] });
    const bare = inputReport({ stem: 'arr2', explanations: [explanation({ heatmap })] });
    const { png } = await render(runReport([withView, bare]), { colormap: 'gray', alpha: 0.5 });
    expect(px(png('arr1/cam-1.png'), 0, 0)).toEqual([50, 50, 50, 255]);
    expect(px(png('arr1/cam-1.png'), 1, 0)).toEqual([178, 178, 178, 255]);
    expect(Array.from(png('arr2/cam-1.png').data)).toEqual(Array.from(png('arr2/cam-1-heatmap.png').data));
  });

  it('writes the documented file names; duplicates get -2; every file decodes', async () => {
    const h = mapOf([0, 1, 2, 3], [2, 2]);
    const preview = mapOf(
      new Float32Array(3 * 2 * 2 * 3).map((_, i) => i),
      [3, 2, 2, 3],
    );
    const ex = [
      explanation({ heatmap: h }),
      explanation({ heatmap: h, target: { classIndex: 0, label: 'dog', score: 0.25, scoreKind: 'probability' } }),
      explanation({ heatmap: h, method: 'occlusion', extras: { patchPreview: preview } }),
      explanation({ heatmap: h, layer: 'conv2' }),
    ];
    const { files } = await render(runReport([inputReport({ modelView: imageOf(2, 2, () => [9, 9, 9]), explanations: ex })]), {
      tileSize: 32,
      patchTileSize: 8,
    });
    expect([...files.keys()].sort()).toEqual(
      [
        'cat/cam-0-heatmap.png',
        'cat/cam-0.png',
        'cat/cam-1-2-heatmap.png',
        'cat/cam-1-2.png',
        'cat/cam-1-heatmap.png',
        'cat/cam-1.png',
        'cat/grid.png',
        'cat/occlusion-1-heatmap.png',
        'cat/occlusion-1.png',
        'cat/occlusion-patches.png',
      ].sort(),
    );
    for (const [name, data] of files) {
      const img = decodePng(data as Uint8Array);
      expect(img.width * img.height * 4, name).toBe(img.data.length);
    }
    // 3 patches of 8×8 → 2 columns × 2 rows with 2-pixel gaps: 2 + 8 + 2 + 8 + 2 = 22
    const patches = decodePng(files.get('cat/occlusion-patches.png') as Uint8Array);
    expect([patches.width, patches.height]).toEqual([22, 22]);
  });

  it('lays out the grid: header, one row per class, input column then one column per method', async () => {
    const modelView = imageOf(4, 4, () => [200, 100, 50]);
    const h = mapOf(new Float32Array(16).fill(1), [4, 4]);
    const ex = [
      explanation({ heatmap: h }),
      explanation({ heatmap: h, method: 'grad-cam' }),
      explanation({ heatmap: h, target: { classIndex: 0, label: 'dog', score: 0.25, scoreKind: 'probability' } }),
    ];
    const { png } = await render(runReport([inputReport({ modelView, crop: { x: 0, y: 0, width: 4, height: 4 }, explanations: ex })]), {
      tileSize: 32,
      colormap: 'gray',
      alpha: 1,
    });
    const grid = png('cat/grid.png');
    // tile 32 (scale-1 font): header 7 + 2·2 + 4 = 15; width 4 + 3·(32 + 4) = 112; height 15 + 2·(32 + 4) = 87
    expect([grid.width, grid.height]).toEqual([112, 87]);
    // the centre of the input tile of row 0 is the picture; a constant map with gray at alpha 1 is black (flat → 0)
    const cy = 15 + 16;
    expect(px(grid, 4 + 16, cy)).toEqual([200, 100, 50, 255]);
    expect(px(grid, 4 + 36 + 16, cy)).toEqual([0, 0, 0, 255]);
    expect(px(grid, 4 + 72 + 16, cy)).toEqual([0, 0, 0, 255]);
    // row 1 (dog) has no grad-cam: the tile keeps the background except for its 'n/a' label
    expect(px(grid, 4 + 72 + 16, 15 + 36 + 16)).toEqual([32, 32, 32, 255]);
    // the label of the cam tile is drawn in white on black somewhere in its top band
    let white = 0;
    for (let y = 15; y < 15 + 11; y++) for (let x = 40; x < 72; x++) if (px(grid, x, y)[0] === 255) white++;
    expect(white).toBeGreaterThan(10);
  });

  it('validates options against its JSON Schema', () => {
    const validate = new Ajv({ strict: true }).compile(pngRenderer.optionsSchema);
    expect(validate(pngRenderer.defaults)).toBe(true);
    expect(validate({ colormap: 'rainbow' })).toBe(false);
    expect(JSON.stringify(validate.errors)).toMatch(/allowedValues/);
    expect(validate({ colormap: 'turbo' })).toBe(true);
    expect(validate({ alpha: 2 })).toBe(false);
    expect(validate({ colour: 'jet' })).toBe(false);
    expect(validate({ normalize: 'percentile', percentile: 99 })).toBe(true);
  });

  it('rejects a bad colormap at render time too, naming the option', async () => {
    const report = runReport([inputReport({ explanations: [explanation({ heatmap: mapOf([0, 1], [1, 2]) })] })]);
    await expect(render(report, { colormap: 'rainbow' as never })).rejects.toThrow(/"rainbow".*colormap/);
  });
});
