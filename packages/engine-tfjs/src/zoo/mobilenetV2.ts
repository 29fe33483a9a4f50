import { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { zooSetup, type ZooSetup } from './zooSetup.js';

type T = tf.SymbolicTensor;

const bn = (name: string) => tf.layers.batchNormalization({ axis: 3, epsilon: 1e-3, momentum: 0.999, name });
const relu6 = (name: string) => tf.layers.reLU({ maxValue: 6, name });

/** Keras `_make_divisible`: round to the nearest multiple of `divisor`, never below 90 % of v. */
function makeDivisible(v: number, divisor = 8): number {
  let nv = Math.max(divisor, Math.floor(v + divisor / 2) - (Math.floor(v + divisor / 2) % divisor));
  if (nv < 0.9 * v) nv += divisor;
  return nv;
}

/** Keras `imagenet_utils.correct_pad` for a 3×3 kernel: ((1 − adjust, 1), (1 − adjust, 1)). */
function correctPad(x: T): [[number, number], [number, number]] {
  const [h, w] = [x.shape[1], x.shape[2]];
  const adj = (d: number | null) => (d === null ? 1 : 1 - (d % 2));
  return [
    [1 - adj(h!), 1],
    [1 - adj(w!), 1],
  ];
}

function invertedResBlock(s: ZooSetup, inputs: T, expansion: number, stride: number, filters: number, blockId: number): T {
  const inChannels = inputs.shape[3] as number;
  const pointwise = makeDivisible(filters, 8);
  let x = inputs;
  let prefix = `block_${blockId}_`;
  if (blockId) {
    x = tf.layers
      .conv2d({ filters: expansion * inChannels, kernelSize: 1, padding: 'same', useBias: false, name: `${prefix}expand`, ...s.kernel() })
      .apply(x) as T;
    x = bn(`${prefix}expand_BN`).apply(x) as T;
    x = relu6(`${prefix}expand_relu`).apply(x) as T;
  } else {
    prefix = 'expanded_conv_';
  }
  if (stride === 2) x = tf.layers.zeroPadding2d({ padding: correctPad(x), name: `${prefix}pad` }).apply(x) as T;
  const { depthwiseInitializer } = s.kernel();
  x = tf.layers
    .depthwiseConv2d({
      kernelSize: 3,
      strides: stride,
      useBias: false,
      padding: stride === 1 ? 'same' : 'valid',
      name: `${prefix}depthwise`,
      ...(depthwiseInitializer ? { depthwiseInitializer } : {}),
    })
    .apply(x) as T;
  x = bn(`${prefix}depthwise_BN`).apply(x) as T;
  x = relu6(`${prefix}depthwise_relu`).apply(x) as T;
  x = tf.layers.conv2d({ filters: pointwise, kernelSize: 1, padding: 'same', useBias: false, name: `${prefix}project`, ...s.kernel() }).apply(x) as T;
  x = bn(`${prefix}project_BN`).apply(x) as T;
  if (inChannels === pointwise && stride === 1) return tf.layers.add({ name: `${prefix}add` }).apply([inputs, x]) as T;
  return x;
}

/** [filters, stride, expansion] of blocks 0..16 (keras.applications.MobileNetV2, alpha 1.0). */
const BLOCKS: [number, number, number][] = [
  [16, 1, 1],
  [24, 2, 6],
  [24, 1, 6],
  [32, 2, 6],
  [32, 1, 6],
  [32, 1, 6],
  [64, 2, 6],
  [64, 1, 6],
  [64, 1, 6],
  [64, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [160, 2, 6],
  [160, 1, 6],
  [160, 1, 6],
  [320, 1, 6],
];

/** MobileNetV2 (alpha 1.0) as in `keras.applications.MobileNetV2` (include_top), with identical layer names. */
export function mobilenetV2(opts?: ZooOptions): tf.LayersModel {
  const s = zooSetup('mobilenetV2', opts);
  const input = tf.input({ shape: s.inputShape, name: 'input_1' });
  let x = tf.layers
    .conv2d({ filters: makeDivisible(32, 8), kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'Conv1', ...s.kernel() })
    .apply(input) as T;
  x = bn('bn_Conv1').apply(x) as T;
  x = relu6('Conv1_relu').apply(x) as T;
  BLOCKS.forEach(([filters, stride, expansion], id) => {
    x = invertedResBlock(s, x, expansion, stride, filters, id);
  });
  x = tf.layers.conv2d({ filters: 1280, kernelSize: 1, useBias: false, name: 'Conv_1', ...s.kernel() }).apply(x) as T;
  x = bn('Conv_1_bn').apply(x) as T;
  x = relu6('out_relu').apply(x) as T;
  x = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }).apply(x) as T;
  const out = tf.layers.dense({ units: s.classes, activation: 'softmax', name: 'predictions', ...s.kernel() }).apply(x) as T;
  return tf.model({ inputs: input, outputs: out, name: 'mobilenetv2_1.00_224' });
}
