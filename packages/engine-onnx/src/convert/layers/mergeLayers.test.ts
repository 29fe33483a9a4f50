import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { artifactsOf, expectSameAsTfjs, onnxLayerValues, randomizeWeights, relDiff, seededValues, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

type T = tf.SymbolicTensor;

/** Three conv branches a, b, c of one input (image-shaped, 4 channels each). */
function threeBranches(): { input: T; a: T; b: T; c: T } {
  const input = tf.input({ shape: [5, 4, 3], name: 'x' });
  const conv = (name: string) => tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name }).apply(input) as T;
  return { input, a: conv('a'), b: conv('b'), c: conv('c') };
}

describe('merge layers', () => {
  it('Add, Multiply, Average, Maximum, Minimum of three image tensors; Concatenate on channels, height and width', async () => {
    const { input, a, b, c } = threeBranches();
    const outs = [
      tf.layers.add({ name: 'add' }).apply([a, b, c]) as T,
      tf.layers.add({ name: 'add2' }).apply([a, b]) as T,
      tf.layers.multiply({ name: 'mul' }).apply([a, b, c]) as T,
      tf.layers.average({ name: 'avg' }).apply([a, b, c]) as T,
      tf.layers.maximum({ name: 'max' }).apply([a, b, c]) as T,
      tf.layers.minimum({ name: 'min' }).apply([a, b]) as T,
      tf.layers.concatenate({ axis: 1, name: 'cat_h' }).apply([a, b]) as T,
      tf.layers.concatenate({ axis: 2, name: 'cat_w' }).apply([a, c]) as T,
    ];
    const flat = outs.map((o, i) => tf.layers.flatten({ name: `f${i}` }).apply(o) as T);
    const m = tf.model({ inputs: input, outputs: tf.layers.concatenate({ name: 'cat_flat' }).apply(flat) as T });
    randomizeWeights(m, 2);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.layers.find((l) => l.name === 'add')).toMatchObject({ kind: 'merge', inbound: ['a', 'b', 'c'], outputShape: [null, 5, 4, 4] });
    expect(spec.layers.find((l) => l.name === 'cat_h')?.outputShape).toEqual([null, 10, 4, 4]);
  });

  it('Subtract (TF.js has none): the difference of its two inputs as TF.js computes them', async () => {
    const { input, a, b } = threeBranches();
    const m = tf.model({ inputs: input, outputs: tf.layers.flatten({ name: 'f' }).apply(tf.layers.add({ name: 'sub' }).apply([a, b]) as T) as T });
    randomizeWeights(m, 4);
    const art = await artifactsOf(m);
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    topo.config.layers.find((l: { name: string }) => l.name === 'sub').class_name = 'Subtract';
    const spec = convertTfjsModel({ ...art, modelTopology: topo }, 'subtract');
    const x = { data: seededValues(2 * 60, 5), shape: [2, 5, 4, 3] };
    const got = await onnxLayerValues(spec, x, ['a', 'b', 'sub']);
    const ref = tf.tidy(() => tf.sub(tf.tensor(got.get('a')!.data), tf.tensor(got.get('b')!.data)).dataSync());
    expect(relDiff(got.get('sub')!.data, ref)).toBeLessThan(1e-6);
    expect(spec.layers.find((l) => l.name === 'sub')?.className).toBe('Subtract');
  });
});
