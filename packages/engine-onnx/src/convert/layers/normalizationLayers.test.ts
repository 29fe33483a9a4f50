import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import {
  artifactsOf,
  expectSameAsTfjs,
  onnxLayerValues,
  randomizeWeights,
  relDiff,
  seededSequential as seq,
  seededValues,
  tf,
  toChannelsLast,
  useCpu,
} from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('BatchNormalization', () => {
  it('on the channels of an image (ONNX BatchNormalization), with center/scale off and a custom epsilon', async () => {
    const m = seq([
      tf.layers.batchNormalization({ inputShape: [4, 5, 3], name: 'bn1' }),
      tf.layers.batchNormalization({ center: false, epsilon: 0.1, name: 'bn2' }),
      tf.layers.batchNormalization({ scale: false, axis: 3, name: 'bn3' }),
      tf.layers.flatten({ name: 'f' }),
      tf.layers.dense({ units: 4, name: 'd' }),
      tf.layers.batchNormalization({ name: 'bn_dense' }),
    ]);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.layers.find((l) => l.name === 'bn1')).toMatchObject({ kind: 'normalization', params: 6 });
    // Keras order: gamma, beta, moving_mean, moving_variance (only those that exist).
    expect(spec.weights('bn2').map((w) => Array.from(w.data))).toEqual(
      m
        .getLayer('bn2')
        .getWeights()
        .map((w) => Array.from(w.dataSync())),
    );
    expect(spec.weights('bn3')).toHaveLength(3);
  });

  it('on the last axis of a sequence (Mul + Add)', async () => {
    const m = seq([
      tf.layers.reshape({ inputShape: [4, 5, 3], targetShape: [20, 3], name: 'r' }),
      tf.layers.batchNormalization({ name: 'bn_seq' }),
      tf.layers.flatten({ name: 'f' }),
    ]);
    await expectSameAsTfjs(m);
  });

  it('on the height axis, of the NHWC input and of an NCHW conv output (reference: the formula in tf ops; the tfjs cpu batchNorm kernel broadcasts along the last axis only)', async () => {
    const input = tf.input({ shape: [4, 5, 3], name: 'x' });
    const bnIn = tf.layers.batchNormalization({ axis: 1, name: 'bn_in' }).apply(input) as tf.SymbolicTensor;
    const conv = tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'conv' }).apply(bnIn) as tf.SymbolicTensor;
    const bnConv = tf.layers.batchNormalization({ axis: 1, epsilon: 0.01, name: 'bn_conv' }).apply(conv) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: tf.layers.flatten({ name: 'f' }).apply(bnConv) as tf.SymbolicTensor });
    randomizeWeights(m, 8);
    const spec = convertTfjsModel(await artifactsOf(m), 'bn-axis1');
    const x = { data: seededValues(2 * 60, 3), shape: [2, 4, 5, 3] };
    const got = await onnxLayerValues(spec, x, ['bn_in', 'conv', 'bn_conv']);
    const bn = (layer: string, v: tf.Tensor4D, eps: number) => {
      const [gamma, beta, mean, variance] = m
        .getLayer(layer)
        .getWeights()
        .map((w) => w.reshape([1, 4, 1, 1]));
      return v.sub(mean!).div(variance!.add(eps).sqrt()).mul(gamma!).add(beta!) as tf.Tensor4D;
    };
    const refIn = bn('bn_in', tf.tensor4d(x.data, [2, 4, 5, 3]), 1e-3);
    expect(relDiff(got.get('bn_in')!.data, refIn.dataSync())).toBeLessThan(1e-5);
    const convIn = tf.tensor4d(got.get('bn_in')!.data, [2, 4, 5, 3]);
    const [k, b] = m.getLayer('conv').getWeights();
    const refConv = bn('bn_conv', tf.conv2d(convIn, k as tf.Tensor4D, 1, 'valid').add(b!) as tf.Tensor4D, 0.01);
    expect(relDiff(got.get('bn_conv')!.data, refConv.dataSync())).toBeLessThan(1e-5);
    tf.dispose([refIn, convIn, refConv]);
    expect(spec.weights('bn_conv').map((w) => w.shape)).toEqual([[4], [4], [4], [4]]);
  });
});

describe('Rescaling and Normalization', () => {
  it('Rescaling(1/127.5, −1) as TF.js computes it', async () => {
    await expectSameAsTfjs(seq([tf.layers.rescaling({ inputShape: [3, 3, 3], scale: 1 / 127.5, offset: -1, name: 'rescale' }), tf.layers.flatten()]));
  });

  it('Keras Normalization: (x − mean) / √variance per channel, from its config (TF.js has no such layer; values by hand)', async () => {
    // A Flatten model whose topology is edited into InputLayer → Normalization(mean, variance) → Flatten.
    const base = seq([tf.layers.flatten({ inputShape: [1, 2, 2], name: 'f' })]);
    const art = await artifactsOf(base);
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    topo.config.layers.unshift({
      class_name: 'Normalization',
      config: { name: 'norm', axis: -1, mean: [1, -2], variance: [4, 0.25], batch_input_shape: [null, 1, 2, 2] },
    });
    delete topo.config.layers[1].config.batch_input_shape;
    const spec = convertTfjsModel({ ...art, modelTopology: topo }, 'norm');
    const x = { data: Float32Array.from([3, -1, 0, 0]), shape: [1, 1, 2, 2] };
    const [y] = await runOnnx(spec.proto, { [spec.input.name]: x }, ['norm']);
    // channel 0: (3 − 1) / 2 = 1, (0 − 1) / 2 = −0.5; channel 1: (−1 + 2) / 0.5 = 2, (0 + 2) / 0.5 = 4
    expect(Array.from(toChannelsLast(y!, 'NCHW').data)).toEqual([1, 2, -0.5, 4]);
  });
});
