import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { isVisorError } from '@visor/core';
import { layersNet } from './layersNet.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const set = (layer: tf.layers.Layer, values: tf.Tensor[]) => {
  layer.setWeights(values);
  tf.dispose(values);
};
const softmax2 = (a: number, b: number) => {
  const m = Math.max(a, b);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  return [ea / (ea + eb), eb / (ea + eb)];
};

/**
 * x [1,2,2,1] → conv (1×1, 2 filters, relu) → gap → fc (Dense 2, softmax).
 * conv kernel [1, -1], bias [0, 0.5]; fc kernel [[1, 0.5], [2, -1]], bias [0.25, 0].
 */
function tinySequential(fcActivation: 'softmax' | 'linear' = 'softmax') {
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [2, 2, 1], filters: 2, kernelSize: 1, activation: 'relu', name: 'conv' }),
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ units: 2, activation: fcActivation, name: 'fc' }),
    ],
  });
  set(m.getLayer('conv'), [tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.tensor1d([0, 0.5])]);
  set(m.getLayer('fc'), [tf.tensor2d([1, 0.5, 2, -1], [2, 2]), tf.tensor1d([0.25, 0])]);
  return m;
}
// x = [[1, 2], [3, -4]]: conv ch0 = relu(x) = [1, 2, 3, 0]; ch1 = relu(0.5 - x) = [0, 0, 0, 4.5]
// gap = [6/4, 4.5/4] = [1.5, 1.125]; logits = [1.5 + 2.25 + 0.25, 0.75 - 1.125] = [4, -0.375]
const xSeq = () => tf.tensor4d([1, 2, 3, -4], [1, 2, 2, 1]);
const LOGITS = [4, -0.375];

/**
 * Functional, with a split and a merge: img [1,1,1,2] → a = conv 2x (linear), b = relu([x0, -x1]);
 * add = a + b; cat = concat(add, img); gap; dense (linear) kernel [[1,0],[0,1],[1,1],[0,-1]]; sm = Activation(softmax).
 */
function tinyFunctional() {
  const img = tf.input({ shape: [1, 1, 2], name: 'img' });
  const a = tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'a' }).apply(img) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'relu', name: 'b' }).apply(img) as tf.SymbolicTensor;
  const add = tf.layers.add({ name: 'add' }).apply([a, b]) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([add, img]) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(cat) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 2, name: 'dense' }).apply(gap) as tf.SymbolicTensor;
  const sm = tf.layers.activation({ activation: 'softmax', name: 'sm' }).apply(dense) as tf.SymbolicTensor;
  const m = tf.model({ inputs: img, outputs: sm });
  set(m.getLayer('a'), [tf.tensor4d([2, 0, 0, 2], [1, 1, 2, 2]), tf.tensor1d([0, 0])]);
  set(m.getLayer('b'), [tf.tensor4d([1, 0, 0, -1], [1, 1, 2, 2]), tf.tensor1d([0, 0])]);
  set(m.getLayer('dense'), [tf.tensor2d([1, 0, 0, 1, 1, 1, 0, -1], [4, 2]), tf.tensor1d([0, 0])]);
  return m;
}
// x = [3, 2]: a = [6, 4], b = relu([3, -2]) = [3, 0], add = [9, 4], cat = [9, 4, 3, 2]
// logits = [9 + 3, 4 + 3 - 2] = [12, 5]
const xFun = () => tf.tensor4d([3, 2], [1, 1, 1, 2]);

describe('layersNet on a Sequential model with Dense(softmax) head', () => {
  it('describes the layers in topological order, input first', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm, 'tiny-seq');
    const layers = m.layers();
    expect(layers.map((l) => l.name)).toEqual([tfm.inputs[0]!.sourceLayer.name, 'conv', 'gap', 'fc']);
    expect(layers.map((l) => l.className)).toEqual(['InputLayer', 'Conv2D', 'GlobalAveragePooling2D', 'Dense']);
    // 1×1 conv from 1 channel to 2: kernel 2 + bias 2 = 4 parameters
    expect(layers[1]).toEqual({
      name: 'conv',
      className: 'Conv2D',
      kind: 'conv',
      outputShape: [null, 2, 2, 2],
      inbound: [layers[0]!.name],
      activation: 'relu',
      params: 4,
    });
    expect(layers.map((l) => l.kind)).toEqual(['input', 'conv', 'global-avg-pool', 'dense']);
    expect(m.layer('fc')).toMatchObject({ inbound: ['gap'], activation: 'softmax', outputShape: [null, 2] });
    expect(m.layer('gap').activation).toBeUndefined();
    expect(m).toMatchObject({ kind: 'layers', source: 'tiny-seq', inputShape: [2, 2, 1], numClasses: 2, finalActivation: 'softmax', outputLayer: 'fc' });
    expect(m.tfModel).toBe(tfm);
    tfm.dispose();
  });

  it('computes logits and probabilities by hand', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm);
    const x = xSeq();
    const before = tf.memory().numTensors;
    const logit = m.classScores(x, 'logit');
    const prob = m.classScores(x, 'probability');
    expect(logit.shape).toEqual([1, 2]);
    const l = logit.dataSync();
    expect(l[0]).toBeCloseTo(LOGITS[0]!, 5);
    expect(l[1]).toBeCloseTo(LOGITS[1]!, 5);
    const p = prob.dataSync();
    const [p0, p1] = softmax2(LOGITS[0]!, LOGITS[1]!);
    expect(p[0]).toBeCloseTo(p0!, 5);
    expect(p[1]).toBeCloseTo(p1!, 5);
    tf.dispose([logit, prob]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    tfm.dispose();
  });

  it('returns several named outputs in one pass, the last layer equal to predict', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm);
    const x = xSeq();
    const [conv, gap, fc, probs] = m.run(x, ['conv', 'gap', 'fc', 'probabilities']);
    expect(Array.from(conv!.dataSync())).toEqual([1, 0, 2, 0, 3, 0, 0, 4.5]);
    expect(Array.from(gap!.dataSync())).toEqual([1.5, 1.125]);
    const pred = tfm.predict(x) as tf.Tensor;
    expect(Array.from(fc!.dataSync())).toEqual(Array.from(pred.dataSync()));
    expect(Array.from(probs!.dataSync())).toEqual(Array.from(pred.dataSync()));
    tf.dispose([conv, gap, fc, probs, pred, x]);
    tfm.dispose();
  });

  it('replaces a layer output by an override and computes downstream from it', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm);
    const x = xSeq();
    const a = tf.tensor2d([[2, 1]]);
    const before = tf.memory().numTensors;
    const [logits, gap] = m.run(x, ['logits', 'gap'], { gap: a });
    // [2·1 + 1·2 + 0.25, 2·0.5 − 1] = [4.25, 0]
    expect(Array.from(logits!.dataSync())).toEqual([4.25, 0]);
    expect(Array.from(gap!.dataSync())).toEqual([2, 1]);
    expect(gap).not.toBe(a);
    tf.dispose([logits, gap]);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.isDisposed).toBe(false);
    tf.dispose([a, x]);
    tfm.dispose();
  });

  it('is differentiable with respect to an overridden activation', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm);
    const x = xSeq();
    const before = tf.memory().numTensors;
    // d Σ logits / d gap_j = Σ_k W[j, k] = [1.5, 1]
    const g1 = tf.grad((a: tf.Tensor) => tf.sum(m.run(x, ['logits'], { gap: a })[0]!));
    const gap = tf.tensor2d([[1.5, 1.125]]);
    const dGap = g1(gap);
    expect(Array.from(dGap.dataSync())).toEqual([1.5, 1]);
    // Through the global average pooling: every position gets 1/4 of it.
    const conv = m.run(x, ['conv'])[0]!;
    const g2 = tf.grad((a: tf.Tensor) => tf.sum(m.run(x, ['logits'], { conv: a })[0]!));
    const dConv = g2(conv);
    expect(Array.from(dConv.dataSync())).toEqual([0.375, 0.25, 0.375, 0.25, 0.375, 0.25, 0.375, 0.25]);
    // The probability of class 0: p0 = σ(z0 − z1), d p0 / d gap_j = p0 (1 − p0) (W[j,0] − W[j,1]).
    const g3 = tf.grad((a: tf.Tensor) => m.run(x, ['probabilities'], { gap: a })[0]!.slice([0, 0], [1, 1]).sum());
    const dProbT = g3(gap);
    const dProb = dProbT.dataSync();
    const [p0] = softmax2(LOGITS[0]!, LOGITS[1]!);
    expect(dProb[0]).toBeCloseTo(p0! * (1 - p0!) * (1 - 0.5), 6);
    expect(dProb[1]).toBeCloseTo(p0! * (1 - p0!) * (2 + 1), 6);
    tf.dispose([dGap, gap, conv, dConv, dProbT]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    tfm.dispose();
  });

  it('treats a model without softmax as logits = raw output', () => {
    const tfm = tinySequential('linear');
    const m = layersNet(tfm);
    const x = xSeq();
    expect(m.finalActivation).toBe('linear');
    const [logits, probs, fc] = m.run(x, ['logits', 'probabilities', 'fc']);
    expect(Array.from(logits!.dataSync())).toEqual(LOGITS);
    expect(Array.from(fc!.dataSync())).toEqual(LOGITS);
    const [p0, p1] = softmax2(LOGITS[0]!, LOGITS[1]!);
    expect(probs!.dataSync()[0]!).toBeCloseTo(p0!, 6);
    expect(probs!.dataSync()[1]!).toBeCloseTo(p1!, 6);
    tf.dispose([logits, probs, fc, x]);
    tfm.dispose();
  });

  it('names the model and the closest layers when a layer is absent', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm, 'models/tiny/model.json');
    let err: unknown;
    try {
      m.layer('cnv');
    } catch (e) {
      err = e;
    }
    expect(isVisorError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('model');
    expect((err as Error).message).toContain('models/tiny/model.json');
    expect((err as Error).message).toContain('"cnv"');
    expect((err as Error).message).toMatch(/closest: conv\b/);
    const x = xSeq();
    expect(() => m.run(x, ['gapp'])).toThrow(/closest: gap/);
    expect(() => m.run(x, ['fc'], { convv: x })).toThrow(/override.*closest: conv/);
    x.dispose();
    tfm.dispose();
  });

  it('returns the layer weights owned by the model', () => {
    const tfm = tinySequential();
    const m = layersNet(tfm);
    const [k, b] = m.weights('fc');
    expect(k!.shape).toEqual([2, 2]);
    expect(Array.from(k!.dataSync())).toEqual([1, 0.5, 2, -1]);
    expect(Array.from(b!.dataSync())).toEqual([0.25, 0]);
    m.dispose(); // not owned: must not free the caller's model
    expect(k!.isDisposed).toBe(false);
    tfm.dispose();
    const owned = layersNet(tinySequential(), 'x', { owned: true });
    const [k2] = owned.weights('fc');
    owned.dispose();
    expect(k2!.isDisposed).toBe(true);
  });
});

describe('layersNet on a functional model with branches and an Activation(softmax) head', () => {
  it('computes both branches, the merge and the logits by hand', () => {
    const tfm = tinyFunctional();
    const m = layersNet(tfm);
    expect(m.finalActivation).toBe('softmax');
    expect(m.outputLayer).toBe('sm');
    expect(m.layer('add').inbound).toEqual(['a', 'b']);
    expect(m.layer('cat').inbound).toEqual(['add', 'img']);
    expect(m.layers()[0]!.name).toBe('img');
    const x = xFun();
    const before = tf.memory().numTensors;
    const [add, cat, logits, probs, sm] = m.run(x, ['add', 'cat', 'logits', 'probabilities', 'sm']);
    expect(Array.from(add!.dataSync())).toEqual([9, 4]);
    expect(Array.from(cat!.dataSync())).toEqual([9, 4, 3, 2]);
    expect(Array.from(logits!.dataSync())).toEqual([12, 5]);
    const [p0, p1] = softmax2(12, 5);
    expect(probs!.dataSync()[0]!).toBeCloseTo(p0!, 6);
    expect(probs!.dataSync()[1]!).toBeCloseTo(p1!, 6);
    const pred = tfm.predict(x) as tf.Tensor;
    expect(Array.from(sm!.dataSync())).toEqual(Array.from(pred.dataSync()));
    tf.dispose([add, cat, logits, probs, sm, pred]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    tfm.dispose();
  });

  it('computes branches that do not depend on an override from x', () => {
    const tfm = tinyFunctional();
    const m = layersNet(tfm);
    const x = xFun();
    const bOverride = tf.tensor4d([1, 1], [1, 1, 1, 2]);
    // a = [6, 4] from x; add = [7, 5]; cat = [7, 5, 3, 2]; logits = [10, 6]
    const [logits, add] = m.run(x, ['logits', 'add'], { b: bOverride });
    expect(Array.from(add!.dataSync())).toEqual([7, 5]);
    expect(Array.from(logits!.dataSync())).toEqual([10, 6]);
    // d Σ logits / d b: b → add → cat[0:2] → dense rows 0,1 → [1+0, 0+1] = [1, 1]; scaled by the
    // override of the other branch: d Σ logits / d a also [1, 1].
    const grad = tf.grad((t: tf.Tensor) => tf.sum(m.run(x, ['logits'], { a: t })[0]!))(tf.tensor4d([0, 0], [1, 1, 1, 2]));
    expect(Array.from(grad.dataSync())).toEqual([1, 1]);
    // d z0 / d img: via a (2·[1,0]), via b (relu'(3)=1 → [1, 0]; x1 branch dead), via cat ([1, 0]) → [4, 0]
    const gx = tf.grad((t: tf.Tensor) =>
      m
        .run(t as tf.Tensor4D, ['logits'])[0]!
        .slice([0, 0], [1, 1])
        .sum(),
    )(x);
    expect(Array.from(gx.dataSync())).toEqual([4, 0]);
    tf.dispose([logits, add, bOverride, grad, gx, x]);
    tfm.dispose();
  });

  it('runs in inference mode: BatchNorm uses moving statistics, Dropout is the identity', () => {
    const img = tf.input({ shape: [1, 1, 2], name: 'img' });
    const bn = tf.layers.batchNormalization({ name: 'bn', epsilon: 0 }).apply(img) as tf.SymbolicTensor;
    const drop = tf.layers.dropout({ rate: 0.5, name: 'drop' }).apply(bn) as tf.SymbolicTensor;
    const flat = tf.layers.flatten({ name: 'flat' }).apply(drop) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }).apply(flat) as tf.SymbolicTensor;
    const tfm = tf.model({ inputs: img, outputs: out });
    // gamma [2, 1], beta [0, 1], moving mean [1, 1], moving variance [4, 1]
    set(tfm.getLayer('bn'), [tf.tensor1d([2, 1]), tf.tensor1d([0, 1]), tf.tensor1d([1, 1]), tf.tensor1d([4, 1])]);
    set(tfm.getLayer('out'), [tf.tensor2d([1, 0, 0, 1], [2, 2]), tf.tensor1d([0, 0])]);
    const m = layersNet(tfm);
    const x = tf.tensor4d([5, 3], [1, 1, 1, 2]);
    // bn = [2·(5−1)/2 + 0, 1·(3−1)/1 + 1] = [4, 3]; logits = [4, 3]
    const [bnOut, drop2, logits] = m.run(x, ['bn', 'drop', 'logits']);
    expect(Array.from(bnOut!.dataSync())).toEqual([4, 3]);
    expect(Array.from(drop2!.dataSync())).toEqual([4, 3]);
    expect(Array.from(logits!.dataSync())).toEqual([4, 3]);
    tf.dispose([bnOut, drop2, logits, x]);
    tfm.dispose();
  });

  it('expands a nested model: its layers as inner/<layer>, the model itself an identity of its output', () => {
    // inner: 1×1 conv doubling the single channel into [2x, −x]; outer: img → inner → gap → dense (linear, identity).
    const inner = tf.sequential({ name: 'inner', layers: [tf.layers.conv2d({ inputShape: [2, 1, 1], filters: 2, kernelSize: 1, useBias: false, name: 'k' })] });
    set(inner.getLayer('k'), [tf.tensor4d([2, -1], [1, 1, 1, 2])]);
    const img = tf.input({ shape: [2, 1, 1], name: 'img' });
    const feat = inner.apply(img) as tf.SymbolicTensor;
    const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(feat) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'out' }).apply(gap) as tf.SymbolicTensor;
    const tfm = tf.model({ inputs: img, outputs: out });
    set(tfm.getLayer('out'), [tf.tensor2d([1, 0, 0, 1], [2, 2]), tf.tensor1d([0, 0])]);
    const m = layersNet(tfm);
    expect(m.layers().map((l) => l.name)).toEqual(['img', 'inner/k_input', 'inner/k', 'inner', 'gap', 'out']);
    expect(m.layer('inner').className).toBe('Sequential');
    expect(m.layer('inner').kind).toBe('model');
    expect(m.layer('inner/k').inbound).toEqual(['inner/k_input']);
    expect(m.layer('inner/k_input').inbound).toEqual(['img']);
    const x = tf.tensor4d([1, 3], [1, 2, 1, 1]);
    // inner = [[2, −1], [6, −3]] → gap [4, −2] → logits [4, −2]
    const [f, k, logits] = m.run(x, ['inner', 'inner/k', 'logits']);
    expect(Array.from(f!.dataSync())).toEqual([2, -1, 6, -3]);
    expect(Array.from(k!.dataSync())).toEqual([2, -1, 6, -3]);
    expect(Array.from(logits!.dataSync())).toEqual([4, -2]);
    const ov = tf.tensor4d([1, 1, 3, 5], [1, 2, 1, 2]);
    const [l2] = m.run(x, ['logits'], { inner: ov });
    expect(Array.from(l2!.dataSync())).toEqual([2, 3]);
    const [l3] = m.run(x, ['logits'], { 'inner/k': ov });
    expect(Array.from(l3!.dataSync())).toEqual([2, 3]);
    tf.dispose([x, f, k, logits, ov, l2, l3]);
    tfm.dispose();
  });

  it('frees intermediates as soon as their last consumer ran (peak memory of a chain stays small)', async () => {
    // 12 chained 1×1 convs with a Dropout in between (which returns its input tensor at inference).
    const img = tf.input({ shape: [32, 32, 4], name: 'img' });
    let t = img;
    for (let i = 0; i < 12; i++) {
      t = tf.layers.conv2d({ filters: 4, kernelSize: 1, name: `c${i}` }).apply(t) as tf.SymbolicTensor;
      if (i === 5) t = tf.layers.dropout({ rate: 0.5, name: 'drop' }).apply(t) as tf.SymbolicTensor;
    }
    t = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(t) as tf.SymbolicTensor;
    const tfm = tf.model({ inputs: img, outputs: tf.layers.dense({ units: 3, activation: 'softmax', name: 'fc' }).apply(t) as tf.SymbolicTensor });
    const m = layersNet(tfm);
    const x = tf.ones([1, 32, 32, 4]) as tf.Tensor4D;
    const activation = 32 * 32 * 4 * 4; // bytes of one conv output
    const info = await tf.profile(() => tf.dispose(m.run(x, ['logits', 'c7'])));
    // Keeping every activation would need 12 of them; streaming needs the pinned c7 plus ~2 live ones.
    expect(info.peakBytes - tf.memory().numBytes).toBeLessThan(5 * activation);
    expect(info.newTensors).toBe(0);
    const [a, b] = m.run(x, ['c7', 'probabilities']);
    const ref = tfm.predict(x) as tf.Tensor;
    expect(Array.from(b!.dataSync())).toEqual(Array.from(ref.dataSync()));
    expect(a!.isDisposed).toBe(false);
    expect(a!.shape).toEqual([1, 32, 32, 4]);
    tf.dispose([a, b, ref, x]);
    tfm.dispose();
  });

  it('rejects models that are not image classifiers', () => {
    const tfm = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    expect(() => layersNet(tfm, 'dense-only')).toThrow(/dense-only: expected an image input of shape \[batch, height, width, channels\], got \[null, 3\]/);
    tfm.dispose();
  });
});
