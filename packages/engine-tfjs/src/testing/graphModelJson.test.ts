import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { graphModelJson, graphOps as op } from './graphModelJson.js';

describe('graphModelJson', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const json = () =>
    graphModelJson(
      [op.placeholder('x', [-1, 2])],
      [
        { name: 'w', shape: [2, 2], values: [1, 0, 2, 3] },
        { name: 'axes', shape: [1], dtype: 'int32', values: [1] },
      ],
      [op.matMul('y', 'x', 'w'), op.identity('out', 'y')],
    );

  it('lists the placeholders, one Const per weight in order, then the ops; specs and bytes follow the weights', () => {
    const { modelTopology, weightSpecs, weightData } = json();
    expect(modelTopology.node.map((n) => [n.name, n.op])).toEqual([
      ['x', 'Placeholder'],
      ['w', 'Const'],
      ['axes', 'Const'],
      ['y', 'MatMul'],
      ['out', 'Identity'],
    ]);
    expect(weightSpecs).toEqual([
      { name: 'w', shape: [2, 2], dtype: 'float32' },
      { name: 'axes', shape: [1], dtype: 'int32' },
    ]);
    // 4 float32 then 1 int32, little-endian.
    expect(weightData.byteLength).toBe(20);
    expect(Array.from(new Float32Array(weightData, 0, 4))).toEqual([1, 0, 2, 3]);
    expect(Array.from(new Int32Array(weightData, 16, 1))).toEqual([1]);
  });

  it('loads as a tfjs GraphModel that computes the written ops: [1, 2]·[[1, 0], [2, 3]] = [5, 6]', async () => {
    const model = await tf.loadGraphModel(tf.io.fromMemory(json()));
    const x = tf.tensor2d([[1, 2]]);
    const y = model.execute(x, 'out') as tf.Tensor;
    expect(Array.from(await y.data())).toEqual([5, 6]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('refuses a weight whose number of values does not match its shape, naming it', () => {
    expect(() => graphModelJson([], [{ name: 'fc/kernel', shape: [2, 3], values: [1, 2] }], [])).toThrow(
      'graphModelJson: weight "fc/kernel" has 2 values; its shape [2,3] needs 6',
    );
  });
});
