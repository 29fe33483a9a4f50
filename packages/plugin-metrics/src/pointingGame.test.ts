import { describe, expect, it } from 'vitest';
import { validateOptions } from '@visor/core';
import { energyPointingGame } from './energyPointingGame.js';
import { energyPointingGameMetric } from './energyPointingGameMetric.js';
import { pointingGame } from './pointingGame.js';
import { pointingGameMetric } from './pointingGameMetric.js';
import { batchOf, explanationOf, metricContext, TinyModel } from './testModels.testkit.js';

// 6×8 map, maximum 9 at row 1, column 6; the mask is the 3×3 block rows 3–5, columns 0–2.
const H = 6;
const W = 8;
const map = new Array(H * W).fill(0);
map[1 * W + 6] = 9;
map[4 * W + 1] = 5;
const mask = new Array(H * W).fill(0);
for (let y = 3; y < 6; y++) for (let x = 0; x < 3; x++) mask[y * W + x] = 1;

describe('pointingGame', () => {
  it('misses when the maximum is off the mask and beyond the tolerance', () => {
    // Nearest mask pixel to (x 6, y 1) is (x 2, y 3): distance √(16 + 4) = √20 ≈ 4.47.
    expect(pointingGame(map, mask, H, W, 0)).toEqual({ hit: 0, x: 6, y: 1 });
    expect(pointingGame(map, mask, H, W, 4.4)).toEqual({ hit: 0, x: 6, y: 1 });
  });
  it('hits within the tolerance (Euclidean distance)', () => {
    expect(pointingGame(map, mask, H, W, Math.sqrt(20))).toEqual({ hit: 1, x: 6, y: 1 });
    expect(pointingGame(map, mask, H, W, 15).hit).toBe(1);
  });
  it('hits when the maximum lies on the mask, taking the first maximum among ties', () => {
    const m = [...map];
    m[1 * W + 6] = 0;
    expect(pointingGame(m, mask, H, W, 0)).toEqual({ hit: 1, x: 1, y: 4 });
    const tied = new Array(H * W).fill(1);
    // Every pixel ties: the first, (0, 0), is 3 rows above the mask.
    expect(pointingGame(tied, mask, H, W, 2.9)).toEqual({ hit: 0, x: 0, y: 0 });
    expect(pointingGame(tied, mask, H, W, 3)).toEqual({ hit: 1, x: 0, y: 0 });
  });
});

describe('energyPointingGame', () => {
  it('is the positive mass inside the mask over all positive mass', () => {
    // Positive mass 9 + 5 = 14, of which 5 inside.
    expect(energyPointingGame(map, mask)).toBeCloseTo(5 / 14, 12);
    const signed = [...map];
    signed[0] = -100; // negative values carry no energy
    expect(energyPointingGame(signed, mask)).toBeCloseTo(5 / 14, 12);
    // A uniform map scores the mask's share of the image: 9 / 48.
    expect(energyPointingGame(new Array(H * W).fill(2), mask)).toBeCloseTo(9 / 48, 12);
    expect(energyPointingGame(new Array(H * W).fill(-1), mask)).toBe(0);
  });
});

describe('pointing-game and energy-pointing-game metrics', () => {
  const shape: [number, number, number] = [H, W, 1];
  const model = () => new TinyModel({ shape, dense: [new Array(H * W).fill(0)], finalActivation: 'linear' });
  const input = batchOf(shape, [new Array(H * W).fill(0), new Array(H * W).fill(0), new Array(H * W).fill(0)]);
  const masks = [{ data: Float32Array.from(mask), shape: [H, W] }, null, { data: new Float32Array(H * W), shape: [H, W] }];
  const explanations = [0, 1, 2].map((n) => explanationOf('cam', n, 0, map, [H, W]));

  it('score only inputs with a non-empty mask', async () => {
    const ctx = await metricContext({ model: model(), input, explanations, masks, options: { tolerance: 5 } });
    const results = await pointingGameMetric.evaluate(ctx);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ metric: 'pointing-game', method: 'cam', inputIndex: 0, values: { hit: 1, x: 6, y: 1 } });
    expect(Object.keys(results[0]!.values)[0]).toBe('hit');
    const energy = await energyPointingGameMetric.evaluate({ ...ctx, options: {} });
    expect(energy).toHaveLength(1);
    expect(energy[0]!.values.energy).toBeCloseTo(5 / 14, 6);
  });

  it('refuses a mask of another size', async () => {
    const ctx = await metricContext({
      model: model(),
      input,
      explanations,
      masks: [{ data: new Float32Array(4), shape: [2, 2] }, null, null],
      options: { tolerance: 5 },
    });
    await expect(pointingGameMetric.evaluate(ctx)).rejects.toThrow(/mask of input 0 is \[2, 2\], not the model input's \[6, 8\]/);
  });

  it('validate their options', () => {
    expect(validateOptions(pointingGameMetric, {})).toEqual({ tolerance: 15 });
    expect(() => validateOptions(pointingGameMetric, { tolerance: -1 })).toThrow();
    expect(() => validateOptions(pointingGameMetric, { radius: 3 })).toThrow();
    expect(validateOptions(energyPointingGameMetric, {})).toEqual({});
    expect(() => validateOptions(energyPointingGameMetric, { tolerance: 3 })).toThrow();
  });
});
