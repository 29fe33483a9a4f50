import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { resnet50 } from '../zoo/resnet.js';
import { mobilenetV2 } from '../zoo/mobilenetV2.js';
import { layersNet } from './layersNet.js';
import type { TfjsNet } from './TfjsNet.js';

// Larger graphs than the hand-computed ones: residual Adds, BatchNorm, ZeroPadding, DepthwiseConv2D.
// Checks against tfjs's own executor (predict) and the ScoreKind definitions.
let r: tf.LayersModel;
let m: TfjsNet;
let x: tf.Tensor4D;
beforeAll(async () => {
  await tf.setBackend('cpu');
  r = resnet50({ inputShape: [32, 32, 3], classes: 5, seed: 3 });
  m = layersNet(r, 'resnet50-32');
  x = tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 11) as tf.Tensor4D;
});
afterAll(() => {
  x.dispose();
  r.dispose();
});

const close = (a: tf.Tensor, b: tf.Tensor, tol: number) => {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
  expect(d).toBeLessThan(tol);
};

describe('layersNet on the reference architectures', () => {
  it('ResNet50: run(predictions) equals predict; probabilities = softmax(logits); layers() is complete', () => {
    const before = tf.memory().numTensors;
    const [pred, logits, probs] = m.run(x, ['predictions', 'logits', 'probabilities']);
    const ref = r.predict(x) as tf.Tensor;
    close(pred!, ref, 1e-6);
    close(probs!, ref, 1e-6);
    const sm = tf.softmax(logits!);
    close(sm, ref, 1e-5);
    tf.dispose([pred, logits, probs, ref, sm]);
    expect(tf.memory().numTensors).toBe(before);
    const layers = m.layers();
    expect(layers).toHaveLength(r.layers.length);
    expect(layers[0]!.name).toBe('input_1');
    expect(m.layer('conv2_block1_add').inbound).toEqual(['conv2_block1_0_bn', 'conv2_block1_3_bn']);
    expect(m.layer('conv5_block3_out')).toMatchObject({ className: 'Activation', activation: 'relu', outputShape: [null, 1, 1, 2048] });
  });

  it('ResNet50: the gradient of a logit w.r.t. conv5_block3_out is avg-pool × Dense weights', () => {
    // logit_k = Σ_c mean_hw(A[h,w,c]) W[c,k] + b_k → ∂logit_k/∂A[h,w,c] = W[c,k] / (H·W); here H = W = 1.
    const A = m.run(x, ['conv5_block3_out'])[0]!;
    const before = tf.memory().numTensors;
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.slice(m.run(x, ['logits'], { conv5_block3_out: a })[0]!, [0, 2], [2, 1])))(A);
    const [kernel] = m.weights('predictions');
    const expected = tf.tidy(() => tf.tile(tf.reshape(tf.slice(kernel!, [0, 2], [2048, 1]), [1, 1, 1, 2048]), [2, 1, 1, 1]));
    close(g, expected, 1e-6);
    tf.dispose([g, expected]);
    expect(tf.memory().numTensors).toBe(before);
    A.dispose();
  });

  it('MobileNetV2: run equals predict', () => {
    const mn = mobilenetV2({ inputShape: [32, 32, 3], classes: 4, seed: 5 });
    const w = layersNet(mn);
    const [out, relu] = w.run(x, ['predictions', 'out_relu']);
    const ref = mn.predict(x) as tf.Tensor;
    close(out!, ref, 1e-6);
    expect(relu!.shape).toEqual([2, 1, 1, 1280]);
    expect(w.layer('block_1_depthwise').className).toBe('DepthwiseConv2D');
    expect(w.layer('out_relu').activation).toBe('relu6'); // Keras ReLU(max_value=6)
    tf.dispose([out, relu, ref]);
    mn.dispose();
  });
});
