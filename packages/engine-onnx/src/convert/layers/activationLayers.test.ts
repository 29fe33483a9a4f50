import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, expectSameAsTfjs, randomizeWeights, relDiff, seededSequential as seq, seededValues, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

/** Branches of `make(i)` layers on one conv output, concatenated. */
function branches(layers: tf.layers.Layer[], seed = 6): tf.LayersModel {
  const input = tf.input({ shape: [3, 4, 2], name: 'x' });
  const conv = tf.layers.conv2d({ filters: 3, kernelSize: 1, name: 'conv' }).apply(input) as tf.SymbolicTensor;
  const outs = layers.map((l) => l.apply(conv) as tf.SymbolicTensor);
  const cat = tf.layers.concatenate({ name: 'cat' }).apply(outs) as tf.SymbolicTensor;
  const m = tf.model({ inputs: input, outputs: tf.layers.flatten({ name: 'f' }).apply(cat) as tf.SymbolicTensor });
  randomizeWeights(m, seed, 3);
  return m;
}

describe('activation layers', () => {
  it('Activation(name) for every TF.js activation, softmax and log-softmax over the channels', async () => {
    const acts = [
      'elu',
      'hardSigmoid',
      'linear',
      'relu',
      'relu6',
      'selu',
      'sigmoid',
      'softmax',
      'logSoftmax',
      'softplus',
      'softsign',
      'tanh',
      'swish',
      'mish',
      'gelu',
      'gelu_new',
    ] as const;
    // TF.js runs logSoftmax, but its ActivationIdentifier type omits it.
    const m = branches(acts.map((a) => tf.layers.activation({ activation: a as 'softmax', name: `a_${a}` })));
    const { spec } = await expectSameAsTfjs(m, 1e-5, { batch: 3 });
    expect(spec.layers.find((l) => l.name === 'a_softmax')).toMatchObject({ kind: 'softmax', activation: 'softmax' });
    expect(spec.layers.find((l) => l.name === 'a_relu6')).toMatchObject({ kind: 'activation', activation: 'relu6' });
  });

  it('ReLU (max_value), LeakyReLU, ELU (TF.js has alpha 1 only), ThresholdedReLU, Softmax, PReLU (shared axes, per position)', async () => {
    const m = branches([
      tf.layers.reLU({ name: 'relu' }),
      tf.layers.reLU({ maxValue: 6, name: 'relu6' }),
      tf.layers.reLU({ maxValue: 0.7, name: 'relu_cap' }),
      tf.layers.leakyReLU({ alpha: 0.2, name: 'leaky' }),
      tf.layers.leakyReLU({ name: 'leaky_default' }),
      tf.layers.elu({ name: 'elu' }),
      tf.layers.thresholdedReLU({ theta: 0.4, name: 'thr' }),
      tf.layers.softmax({ axis: -1, name: 'softmax_c' }),
      tf.layers.prelu({ sharedAxes: [1, 2], name: 'prelu_shared' }),
      tf.layers.prelu({ name: 'prelu_full' }),
    ]);
    const { spec } = await expectSameAsTfjs(m, 1e-5, { batch: 3 });
    expect(spec.layers.find((l) => l.name === 'relu6')?.activation).toBe('relu6');
    expect(spec.layers.find((l) => l.name === 'leaky')?.activation).toBe('leaky_relu');
    expect(spec.weights('prelu_shared').map((w) => w.shape)).toEqual([[1, 1, 3]]);
    expect(Array.from(spec.weights('prelu_full')[0]!.data)).toEqual(Array.from(m.getLayer('prelu_full').getWeights()[0]!.dataSync()));
  });

  it('Softmax over the width axis (TF.js softmaxes the last axis only; reference: exp(x − max) / Σ exp in tf ops)', async () => {
    const base = seq([tf.layers.softmax({ inputShape: [2, 3, 2], name: 's' }), tf.layers.flatten({ name: 'f' })]);
    const art = await artifactsOf(base);
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    topo.config.layers[0].config.axis = 2;
    const spec = convertTfjsModel({ ...art, modelTopology: topo }, 'softmax-axis');
    const x = { data: seededValues(24, 2, -3, 3), shape: [2, 2, 3, 2] };
    const [y] = await runOnnx(spec.proto, { [spec.input.name]: x }, ['f']);
    const ref = tf.tidy(() => {
      const t = tf.tensor4d(x.data, [2, 2, 3, 2]);
      const ex = t.sub(t.max(2, true)).exp();
      return ex.div(ex.sum(2, true)).dataSync();
    });
    expect(relDiff(y!.data, ref)).toBeLessThan(1e-6);
  });

  it("Keras ReLU(max_value, negative_slope, threshold) by Keras's definition (TF.js's ReLU lacks the last two)", async () => {
    // Keras: f(x) = max_value for x ≥ max_value, x for threshold ≤ x < max_value, negative_slope · (x − threshold) otherwise.
    const base = seq([tf.layers.reLU({ inputShape: [1, 1, 8], name: 'r' }), tf.layers.flatten({ name: 'f' })]);
    const art = await artifactsOf(base);
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    Object.assign(topo.config.layers[0].config, { max_value: 4, negative_slope: 0.1, threshold: 0.5 });
    const spec = convertTfjsModel({ ...art, modelTopology: topo }, 'relu');
    const xs = [-3, -0.5, 0.2, 0.6, 1, 3.9, 4, 7];
    const [y] = await runOnnx(spec.proto, { [spec.input.name]: { data: Float32Array.from(xs), shape: [1, 1, 1, 8] } }, ['f']);
    const keras = (x: number) => (x >= 4 ? 4 : x >= 0.5 ? x : 0.1 * (x - 0.5));
    xs.forEach((x, i) => expect(y!.data[i]).toBeCloseTo(keras(x), 6));
    expect(spec.layers[1]!.activation).toBe('leaky_relu');
  });
});
