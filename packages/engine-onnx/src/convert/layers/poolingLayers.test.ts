import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, expectSameAsTfjs, relDiff, seededSequential as seq, seededValues, tf, toChannelsLast, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('pooling layers', () => {
  it('MaxPooling2D: same with stride 2 on odd and even sizes, 3×3 stride 2 same, valid with strides ≠ pool', async () => {
    await expectSameAsTfjs(
      seq([
        tf.layers.conv2d({ inputShape: [9, 8, 2], filters: 3, kernelSize: 1, name: 'c' }),
        tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same', name: 'p1' }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'p2' }),
        tf.layers.maxPooling2d({ poolSize: [2, 1], strides: 1, padding: 'valid', name: 'p3' }),
        tf.layers.flatten({ name: 'f' }),
      ]),
    );
  });

  it('AveragePooling2D: same padding divides by the real pixels only; valid; the padded corner of a 5×5 stride-2 pool', async () => {
    const m = seq([
      tf.layers.averagePooling2d({ inputShape: [5, 5, 2], poolSize: 2, strides: 2, padding: 'same', name: 'p1' }),
      tf.layers.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same', name: 'p2' }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'valid', name: 'p3' }),
      tf.layers.flatten({ name: 'f' }),
    ]);
    const { spec } = await expectSameAsTfjs(m);
    // By hand: a 5×5 ramp x[i, j] = 5i + j; the last window of p1 (row 4, col 4 only) is x[4, 4] = 24, not 24/4.
    const ramp = Float32Array.from({ length: 50 }, (_, k) => Math.floor(k / 2));
    const [p1] = await runOnnx(spec.proto, { [spec.input.name]: { data: ramp, shape: [1, 5, 5, 2] } }, ['p1']);
    const nhwc = toChannelsLast(p1!, 'NCHW');
    expect(nhwc.shape).toEqual([1, 3, 3, 2]);
    expect(nhwc.data[(2 * 3 + 2) * 2]).toBe(24);
    // The first window averages x[0..1, 0..1] = (0 + 1 + 5 + 6) / 4.
    expect(nhwc.data[0]).toBe(3);
  });

  it('GlobalAveragePooling2D / GlobalMaxPooling2D to [N, C], and with keepdims (Keras 2.6+; reference: tf.mean/max keepDims)', async () => {
    const m = seq([tf.layers.conv2d({ inputShape: [4, 3, 2], filters: 3, kernelSize: 1, name: 'c' }), tf.layers.globalAveragePooling2d({ name: 'gap' })]);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.layers.find((l) => l.name === 'gap')).toMatchObject({ kind: 'global-avg-pool', outputShape: [null, 3] });
    await expectSameAsTfjs(seq([tf.layers.globalMaxPooling2d({ inputShape: [4, 3, 2], name: 'gmp' })]));

    const art = await artifactsOf(seq([tf.layers.globalAveragePooling2d({ inputShape: [4, 3, 2], name: 'g' })]));
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    topo.config.layers[0].config.keepdims = true;
    topo.config.layers.push({ class_name: 'Flatten', config: { name: 'f' } });
    topo.config.layers[0].class_name = 'GlobalMaxPooling2D';
    const kept = convertTfjsModel({ ...art, modelTopology: topo }, 'keepdims');
    expect(kept.layers.find((l) => l.name === 'g')?.outputShape).toEqual([null, 1, 1, 2]);
    const x = { data: seededValues(24, 1), shape: [1, 4, 3, 2] };
    const [g] = await runOnnx(kept.proto, { [kept.input.name]: x }, ['g']);
    expect(relDiff(toChannelsLast(g!, kept.bindings.get('g')!.layout).data, tf.tensor4d(x.data, [1, 4, 3, 2]).max([1, 2], true).dataSync())).toBe(0);
  });
});
