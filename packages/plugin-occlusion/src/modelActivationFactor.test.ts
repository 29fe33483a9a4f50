import { describe, expect, it } from 'vitest';
import { tf, wrapLayersModel } from '@visor/core';
import { budgetedBatchSize } from './budgetedBatchSize.js';
import { modelActivationFactor } from './modelActivationFactor.js';

describe('modelActivationFactor', () => {
  it('sums every layer output per image over the input size', async () => {
    await tf.setBackend('cpu');
    // input 8×8×3 = 192 values; conv 'same' 4 filters → 8·8·4 = 256; pool 2 → 4·4·4 = 64; flatten 64; dense 10.
    const input = tf.input({ shape: [8, 8, 3] });
    let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 10 }).apply(x) as tf.SymbolicTensor;
    const model = wrapLayersModel(tf.model({ inputs: input, outputs: out }));
    expect(modelActivationFactor(model, [8, 8, 3])).toBe((256 + 64 + 64 + 10) / 192);
  });

  it('is undefined when a layer size is unknown (models of any input size)', async () => {
    const input = tf.input({ shape: [null, null, 3] });
    const conv = tf.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2 }).apply(pooled) as tf.SymbolicTensor;
    expect(modelActivationFactor(wrapLayersModel(tf.model({ inputs: input, outputs: out })), [8, 8, 3])).toBeUndefined();
  });

  it('with ResNet-152-sized activations the default 1 GiB budget gives batches of 3, not 16', () => {
    // ResNet-152's layers hold about 524× its 224×224×3 input: 150528 values × 4 B × 524 ≈ 315.5 MB per copy,
    // so 1024 MiB (1073.7 MB) takes 3 copies per batch, where the old fixed factor 64 allowed the requested 16,
    // which overflows the 4 GB wasm heap.
    expect(budgetedBatchSize(16, [224, 224, 3], 1024, 524, 49)).toBe(3);
    expect(budgetedBatchSize(16, [224, 224, 3], 1024, 64, 49)).toBe(16);
  });
});
