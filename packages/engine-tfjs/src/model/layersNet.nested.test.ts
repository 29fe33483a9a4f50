import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { layersNet } from './layersNet.js';
import { wrapLayersModel } from './wrapModel.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The transfer-learning layout: Sequential([backbone (functional, 2 convs + residual add), GAP, Dense(3, softmax)]). */
function transferModel(): { outer: tf.LayersModel; backbone: tf.LayersModel } {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [6, 6, 2], name: 'bb_input' });
  const c1 = tf.layers
    .conv2d({ name: 'conv1', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  const c2 = tf.layers.conv2d({ name: 'conv2', filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(2) }).apply(c1) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'add' }).apply([c1, c2]) as tf.SymbolicTensor;
  const out = tf.layers.reLU({ name: 'out_relu' }).apply(sum) as tf.SymbolicTensor;
  const backbone = tf.model({ inputs: input, outputs: out, name: 'backbone' });
  const outer = tf.sequential({
    layers: [
      backbone,
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ name: 'head', units: 3, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
  return { outer, backbone };
}

const x = Float32Array.from({ length: 2 * 6 * 6 * 2 }, (_, i) => Math.sin(i * 0.9));

describe('layersNet with a nested backbone', () => {
  it('lists the layers inside the backbone as backbone/<layer>, wired through', () => {
    const { outer } = transferModel();
    const net = layersNet(outer, 'transfer');
    const layers = net.layers();
    // tfjs builds Sequential([backbone, …]) on the backbone's own graph: its layers are reached directly.
    expect(layers.map((l) => l.name)).toEqual(['backbone/bb_input', 'backbone/conv1', 'backbone/conv2', 'backbone/add', 'backbone/out_relu', 'gap', 'head']);
    expect(net.layer('backbone/add').inbound).toEqual(['backbone/conv1', 'backbone/conv2']);
    expect(net.layer('gap').inbound).toEqual(['backbone/out_relu']);
    expect(net.layer('backbone/conv2').outputShape).toEqual([null, 6, 6, 4]);
    // conv 3·3·2·4 + 4 = 76, 3·3·4·4 + 4 = 148, dense 4·3 + 3 = 15
    expect(layers.map((l) => l.params ?? 0)).toEqual([0, 76, 148, 0, 0, 0, 15]);
    outer.dispose();
  });

  it('a functional model applying the backbone to its own input: the backbone is an identity node after its layers', () => {
    const { backbone } = transferModel();
    const img = tf.input({ shape: [6, 6, 2], name: 'image' });
    const features = backbone.apply(img) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({ name: 'gap2' }).apply(features) as tf.SymbolicTensor;
    const outer = tf.model({ inputs: img, outputs: tf.layers.dense({ units: 2, name: 'cls' }).apply(pooled) as tf.SymbolicTensor });
    const net = layersNet(outer, 'functional');
    const layers = net.layers();
    expect(layers.map((l) => l.name)).toEqual([
      'image',
      'backbone/bb_input',
      'backbone/conv1',
      'backbone/conv2',
      'backbone/add',
      'backbone/out_relu',
      'backbone',
      'gap2',
      'cls',
    ]);
    expect(net.layer('backbone/bb_input').inbound).toEqual(['image']);
    expect(net.layer('backbone').kind).toBe('model');
    expect(net.layer('backbone').inbound).toEqual(['backbone/out_relu']);
    expect(net.layer('gap2').inbound).toEqual(['backbone']);
    // weights are counted once, at the inner layers (the backbone node itself: 0)
    expect(layers.map((l) => l.params ?? 0)).toEqual([0, 0, 76, 148, 0, 0, 0, 0, 4 * 2 + 2]);
    const input = tf.tensor4d(x, [2, 6, 6, 2]);
    const [a, b] = net.run(input, ['backbone', 'backbone/out_relu']);
    expect(Array.from(a!.dataSync())).toEqual(Array.from(b!.dataSync()));
    tf.dispose([input, a, b]);
    outer.dispose();
  });

  it('runs inner layers: their outputs equal the backbone’s own, and the output equals predict', () => {
    const { outer, backbone } = transferModel();
    const net = layersNet(outer, 'transfer');
    const input = tf.tensor4d(x, [2, 6, 6, 2]);
    const [add, probs] = net.run(input, ['backbone/add', 'probabilities']);
    const inner = tf.model({ inputs: backbone.inputs, outputs: backbone.getLayer('add').output });
    expect(Array.from(add!.dataSync())).toEqual(Array.from((inner.predict(input) as tf.Tensor).dataSync()));
    const ref = (outer.predict(input) as tf.Tensor).dataSync();
    Array.from(probs!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 6));
    tf.dispose([input, add, probs]);
    outer.dispose();
  });

  it('differentiates through the backbone: the gradient w.r.t. an inner layer equals a tf.grad of the sub-model', async () => {
    const { outer } = transferModel();
    const model = wrapLayersModel(outer, 'transfer', { owned: true });
    const seed = Float32Array.from({ length: 6 }, (_, i) => (i === 1 || i === 3 + 2 ? 1 : 0));
    const res = await model.gradients({ data: x, shape: [2, 6, 6, 2] }, { score: 'logit', wrt: 'backbone/conv1', seeds: [seed] });
    // reference: the part after conv1 rebuilt by hand from the same layers
    const ref = tf.tidy(() => {
      const input = tf.tensor4d(x, [2, 6, 6, 2]);
      const [c1] = model.net.run(input, ['backbone/conv1']);
      const f = (a: tf.Tensor) => {
        const c2 = outer.getLayer('backbone') as tf.LayersModel;
        const conv2 = c2.getLayer('conv2').apply(a) as tf.Tensor;
        const relu = tf.relu(tf.add(a, conv2));
        const pooled = tf.mean(relu, [1, 2]);
        const [k, b] = outer.getLayer('head').getWeights();
        return tf.sum(tf.mul(tf.add(tf.matMul(pooled, k!), b!), tf.tensor2d(seed, [2, 3])));
      };
      return Array.from(tf.grad(f)(c1!).dataSync());
    });
    expect(res.value.shape).toEqual([2, 6, 6, 4]);
    res.gradients[0]!.data.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
    expect(ref.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    await model.dispose();
  });
});
