import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMask, maskPathFor } from './maskFor.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visor-masks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A grey PNG from rows of 0..255 values. */
async function greyPng(name: string, rows: number[][]): Promise<string> {
  const png = new PNG({ width: rows[0]!.length, height: rows.length });
  rows.flat().forEach((v, i) => png.data.set([v, v, v, 255], i * 4));
  const path = join(dir, name);
  await writeFile(path, PNG.sync.write(png));
  return path;
}

describe('maskPathFor', () => {
  it('fills {name} with the input file name without extension, relative to the config folder', () => {
    expect(maskPathFor('/data/imgs/cat.01.jpg', './masks/{name}.mask.png', '/cfg')).toBe('/cfg/masks/cat.01.mask.png');
  });
  it('looks inputs up in a mapping (paths relative to the config folder), null when absent', () => {
    const masks = { 'imgs/a.png': 'm/a-mask.png' };
    expect(maskPathFor('/cfg/imgs/a.png', masks, '/cfg')).toBe('/cfg/m/a-mask.png');
    expect(maskPathFor('/cfg/imgs/b.png', masks, '/cfg')).toBeNull();
  });
  it('refuses a template without {name}', () => {
    expect(() => maskPathFor('/a.png', './masks/m.png', '/cfg')).toThrow(/no \{name\} placeholder/);
  });
});

describe('loadMask', () => {
  it('thresholds at half range after fitting to the model size like the input (stretch, 8×8 → 4×4)', async () => {
    // Left half white. Output column 1 (antialiased triangle over source columns 1–4, weights ¼ ¾ ¾ ¼)
    // is 7/8 white → 1; column 2 is 1/8 white → 0. So every row is [1, 1, 0, 0].
    const path = await greyPng(
      'half.png',
      Array.from({ length: 8 }, () => [255, 255, 255, 255, 0, 0, 0, 0]),
    );
    const m = await loadMask(path, 'in.png', { height: 4, width: 4 }, 'stretch');
    expect(m.shape).toEqual([4, 4]);
    expect(Array.from(m.data)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
  });
  it('a missing mask is an input error naming the mask and the input', async () => {
    await expect(loadMask(join(dir, 'nope.png'), 'cat.png', { height: 2, width: 2 }, 'stretch')).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/^cat\.png: its mask .*nope\.png cannot be read/),
    });
  });
});
