import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, expectSameAsTfjs, randomizeWeights, relDiff, seededSequential as seq, seededValues, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('Dense', () => {
  it('a softmax head: the layer output is the softmax, spec.logits the Dense output before it', async () => {
    const m = seq([tf.layers.flatten({ inputShape: [3, 2, 2], name: 'f' }), tf.layers.dense({ units: 4, activation: 'softmax', name: 'predictions' })]);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.finalActivation).toBe('softmax');
    expect(spec.outputLayer).toBe('predictions');
    expect(spec.output).toBe('predictions');
    expect(spec.logits).not.toBe(spec.output);
    expect(spec.layers.at(-1)).toMatchObject({ kind: 'dense', activation: 'softmax', outputShape: [null, 4], params: 12 * 4 + 4 });
    const x = { data: seededValues(2 * 12, 9), shape: [2, 3, 2, 2] };
    const [logits] = await runOnnx(spec.proto, { [spec.input.name]: x }, [spec.logits]);
    const [k, b] = m.getLayer('predictions').getWeights();
    const ref = tf.tidy(() =>
      tf
        .tensor2d(x.data, [2, 12])
        .matMul(k as tf.Tensor2D)
        .add(b!)
        .dataSync(),
    );
    expect(relDiff(logits!.data, ref)).toBeLessThan(1e-6);
  });

  it('a sigmoid head, and a linear head whose logits are the output', async () => {
    const sig = convertTfjsModel(
      await artifactsOf(seq([tf.layers.flatten({ inputShape: [1, 1, 5] }), tf.layers.dense({ units: 2, activation: 'sigmoid', name: 'd' })])),
      'sig',
    );
    expect(sig.finalActivation).toBe('sigmoid');
    expect(sig.logits).not.toBe('d');
    const lin = convertTfjsModel(await artifactsOf(seq([tf.layers.flatten({ inputShape: [1, 1, 5] }), tf.layers.dense({ units: 2, name: 'd' })])), 'lin');
    expect(lin.finalActivation).toBe('linear');
    expect(lin.logits).toBe('d');
  });

  it('a separate Activation(softmax) head: logits are the Dense layer before it', async () => {
    const m = seq([
      tf.layers.flatten({ inputShape: [1, 1, 5] }),
      tf.layers.dense({ units: 3, name: 'fc' }),
      tf.layers.activation({ activation: 'softmax', name: 'probs' }),
    ]);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.finalActivation).toBe('softmax');
    expect(spec.logits).toBe('fc');
    expect(spec.outputLayer).toBe('probs');
  });

  it('on an image-shaped input (a 1×1 conv over the channels) and on a rank-3 input (MatMul)', async () => {
    const m = seq([
      tf.layers.dense({ inputShape: [4, 3, 5], units: 6, activation: 'relu', name: 'd4' }),
      tf.layers.reshape({ targetShape: [12, 6], name: 'r' }),
      tf.layers.dense({ units: 2, name: 'd3' }),
      tf.layers.dense({ units: 3, useBias: false, activation: 'tanh', name: 'd3b' }),
      tf.layers.flatten({ name: 'f' }),
    ]);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.bindings.get('d4')?.layout).toBe('NCHW');
    // weights() gives the Keras kernel [in, out] whatever the ONNX form.
    const [k, b] = spec.weights('d4');
    expect(k!.shape).toEqual([5, 6]);
    expect(Array.from(k!.data)).toEqual(Array.from(m.getLayer('d4').getWeights()[0]!.dataSync()));
    expect(Array.from(b!.data)).toEqual(Array.from(m.getLayer('d4').getWeights()[1]!.dataSync()));
    expect(spec.weights('d3b').map((w) => w.shape)).toEqual([[2, 3]]);
  });

  it('supports the fused activations TF.js has (Conv2D and Dense share them)', async () => {
    const acts = [
      'elu',
      'hardSigmoid',
      'linear',
      'relu',
      'relu6',
      'selu',
      'sigmoid',
      'softplus',
      'softsign',
      'tanh',
      'swish',
      'mish',
      'gelu',
      'gelu_new',
    ] as const;
    const input = tf.input({ shape: [1, 2, 3], name: 'x' });
    const flat = tf.layers.flatten({ name: 'f' }).apply(input) as tf.SymbolicTensor;
    const outs = acts.map((a) => tf.layers.dense({ units: 3, activation: a, name: `d_${a}` }).apply(flat) as tf.SymbolicTensor);
    const m = tf.model({ inputs: input, outputs: tf.layers.concatenate({ name: 'cat' }).apply(outs) as tf.SymbolicTensor });
    randomizeWeights(m, 4, 1.5);
    const { spec } = await expectSameAsTfjs(m, 1e-5, { batch: 8 });
    expect(spec.layers.find((l) => l.name === 'd_hardSigmoid')?.activation).toBe('hard_sigmoid');
  });
});
