import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '../contracts/LayerInfo.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { budgetedBatchSize, DEFAULT_ACTIVATION_FACTOR } from './budgetedBatchSize.js';
import { activationFactorFor, modelActivationFactor } from './modelActivationFactor.js';

/** A model that is nothing but its layer list (all modelActivationFactor reads). */
const withLayers = (layers: Partial<LayerInfo>[]): VisorModel =>
  ({ layers: () => layers.map((l) => ({ name: '', className: '', kind: 'other', outputShape: [], inbound: [], ...l })) }) as unknown as VisorModel;

// input 8×8×3 = 192 values; conv 'same' 4 filters → 8·8·4 = 256; pool 2 → 4·4·4 = 64; flatten 64; dense 10.
const cnn = withLayers([
  { name: 'input', kind: 'input', outputShape: [null, 8, 8, 3] },
  { name: 'conv', kind: 'conv', outputShape: [null, 8, 8, 4], inbound: ['input'] },
  { name: 'pool', kind: 'pool', outputShape: [null, 4, 4, 4], inbound: ['conv'] },
  { name: 'flatten', kind: 'reshape', outputShape: [null, 64], inbound: ['pool'] },
  { name: 'dense', kind: 'dense', outputShape: [null, 10], inbound: ['flatten'] },
]);

describe('modelActivationFactor', () => {
  it('sums every layer output per image over the input size', () => {
    expect(modelActivationFactor(cnn, [8, 8, 3])).toBe((256 + 64 + 64 + 10) / 192);
    expect(activationFactorFor(cnn, 'auto', [8, 8, 3])).toBe((256 + 64 + 64 + 10) / 192);
    expect(activationFactorFor(cnn, 5, [8, 8, 3])).toBe(5);
  });

  it("does not count a nested model's output again (it is its last layer's)", () => {
    const nested = withLayers([
      { name: 'input', kind: 'input', outputShape: [null, 8, 8, 3] },
      { name: 'backbone/conv', kind: 'conv', outputShape: [null, 8, 8, 4], inbound: ['input'] },
      { name: 'backbone', kind: 'model', outputShape: [null, 8, 8, 4], inbound: ['backbone/conv'] },
      { name: 'dense', kind: 'dense', outputShape: [null, 10], inbound: ['backbone'] },
    ]);
    expect(modelActivationFactor(nested, [8, 8, 3])).toBe((256 + 10) / 192);
  });

  it('is undefined when a layer size is unknown (models of any input size); auto then budgets with 64', () => {
    const anySize = withLayers([
      { name: 'input', kind: 'input', outputShape: [null, null, null, 3] },
      { name: 'conv', kind: 'conv', outputShape: [null, null, null, 2], inbound: ['input'] },
      { name: 'gap', kind: 'global-avg-pool', outputShape: [null, 2], inbound: ['conv'] },
      { name: 'dense', kind: 'dense', outputShape: [null, 2], inbound: ['gap'] },
    ]);
    expect(modelActivationFactor(anySize, [8, 8, 3])).toBeUndefined();
    expect(activationFactorFor(anySize, 'auto', [8, 8, 3])).toBe(DEFAULT_ACTIVATION_FACTOR);
  });
});

describe('budgetedBatchSize', () => {
  it('caps the batch so batch × H × W × C × 4 × factor fits the budget', () => {
    // 224·224·3·4·64 = 38,535,168 bytes per copy; 100 MB = 104,857,600 → 2 copies
    expect(budgetedBatchSize(16, [224, 224, 3], 100, 64, 196)).toBe(2);
    // 1024 MB → 27 copies fit, so the requested 16 stands
    expect(budgetedBatchSize(16, [224, 224, 3], 1024, 64, 196)).toBe(16);
    // never below 1, never above the number of windows
    expect(budgetedBatchSize(16, [224, 224, 3], 1, 64, 196)).toBe(1);
    expect(budgetedBatchSize(16, [8, 8, 1], 1024, 64, 5)).toBe(5);
  });

  it('with ResNet-152-sized activations the default 1 GiB budget gives batches of 3, not 16', () => {
    // ResNet-152's layers hold about 524× its 224×224×3 input: 150528 values × 4 B × 524 ≈ 315.5 MB per copy,
    // so 1024 MiB (1073.7 MB) takes 3 copies per batch, where the old fixed factor 64 allowed the requested 16,
    // which overflows the 4 GB wasm heap.
    expect(budgetedBatchSize(16, [224, 224, 3], 1024, 524, 49)).toBe(3);
    expect(budgetedBatchSize(16, [224, 224, 3], 1024, 64, 49)).toBe(16);
  });
});
