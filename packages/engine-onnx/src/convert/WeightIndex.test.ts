import { describe, expect, it } from 'vitest';
import type { DecodedWeight } from './decodeWeights.js';
import { WeightIndex } from './WeightIndex.js';

const weights = (...names: string[]): Map<string, DecodedWeight> => new Map(names.map((name, i) => [name, { name, shape: [1], data: Float32Array.of(i) }]));

describe('WeightIndex', () => {
  it('finds a layer weight by its flattened path, by its own name, with or without :0, in the HDF5 group form, or by a related path prefix', () => {
    const idx = new WeightIndex(weights('conv1/kernel:0', 'backbone/conv1/bias', 'model/outer/block/bn/gamma', 'dense/kernel', 'fc/fc/kernel'));
    expect(idx.find('conv1', 'conv1', 'kernel')?.name).toBe('conv1/kernel:0');
    // A nested layer: its weights may be stored under the path (h5 groups) …
    expect(idx.find('backbone/conv1', 'conv1', 'bias')?.name).toBe('backbone/conv1/bias');
    // … or under its own name (TF.js names a nested model's weights without the model).
    expect(idx.find('backbone/dense', 'dense', 'kernel')?.name).toBe('dense/kernel');
    expect(idx.find('fc', 'fc', 'kernel')?.name).toBe('fc/fc/kernel');
    expect(idx.find('outer/block/bn', 'bn', 'gamma')?.name).toBe('model/outer/block/bn/gamma');
    expect(idx.find('other/bn', 'bn', 'gamma')).toBeUndefined();
    // The top-level conv1 has no bias stored: the nested backbone/conv1's is not taken for it.
    expect(idx.find('conv1', 'conv1', 'bias')).toBeUndefined();
    expect(idx.closest('conv1/kernal')).toBe('conv1/kernel');
  });

  it('does not guess between several stored weights that end the same way', () => {
    const idx = new WeightIndex(weights('a/bn/gamma', 'b/bn/gamma'));
    expect(idx.find('c/bn', 'bn', 'gamma')).toBeUndefined();
  });
});
