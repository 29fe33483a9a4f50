import { describe, expect, it } from 'vitest';
import { budgetedBatchSize, FALLBACK_ACTIVATION_FACTOR, forwardBytesPerImage } from './forwardMemory.js';
import { TinyModel } from './testModels.testkit.js';

describe('forwardBytesPerImage', () => {
  it('counts the input and every layer output per image, 4 bytes each', () => {
    // 4×5×3 input (60 values), layers scale 60, identity 60, an extra 2×2×8 = 32, dense 7.
    const model = new TinyModel({
      shape: [4, 5, 3],
      dense: Array.from({ length: 7 }, () => new Array(60).fill(0)),
      finalActivation: 'softmax',
      extraLayers: [{ name: 'pool', className: 'Pool', kind: 'pool', outputShape: [null, 2, 2, 8], inbound: ['identity'] }],
    });
    expect(forwardBytesPerImage(model, [4, 5, 3])).toBe(4 * (60 + 60 + 60 + 32 + 7));
  });
  it('falls back to 64 times the input when a layer size is unknown', () => {
    const model = new TinyModel({
      shape: [4, 5, 3],
      dense: [new Array(60).fill(0)],
      finalActivation: 'linear',
      extraLayers: [{ name: 'any', className: 'X', kind: 'other', outputShape: [null, null, null, 8], inbound: ['identity'] }],
    });
    expect(forwardBytesPerImage(model, [4, 5, 3])).toBe(4 * 60 * FALLBACK_ACTIVATION_FACTOR);
  });
});

describe('budgetedBatchSize', () => {
  it('fits the budget, never below 1 nor above the images there are', () => {
    const MiB = 2 ** 20;
    expect(budgetedBatchSize(16, 100 * MiB, 1024, 1000)).toBe(10);
    expect(budgetedBatchSize(4, 100 * MiB, 1024, 1000)).toBe(4);
    expect(budgetedBatchSize(16, 2048 * MiB, 1024, 1000)).toBe(1);
    expect(budgetedBatchSize(16, MiB, 1024, 5)).toBe(5);
  });
});
