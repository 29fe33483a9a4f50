import { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { zooSetup, type ZooSetup } from './zooSetup.js';

type T = tf.SymbolicTensor;
const EPS = 1.001e-5;

function bn(name: string) {
  return tf.layers.batchNormalization({ axis: 3, epsilon: EPS, name });
}

/** Keras `block1`: the bottleneck residual block of ResNet v1 (keras.applications naming). */
function block1(s: ZooSetup, x: T, filters: number, stride: number, convShortcut: boolean, name: string): T {
  const conv = (f: number, k: number, st: number, suffix: string, padding: 'valid' | 'same' = 'valid') =>
    tf.layers.conv2d({ filters: f, kernelSize: k, strides: st, padding, name: `${name}_${suffix}`, ...s.kernel() });
  let shortcut = x;
  if (convShortcut) {
    shortcut = conv(4 * filters, 1, stride, '0_conv').apply(x) as T;
    shortcut = bn(`${name}_0_bn`).apply(shortcut) as T;
  }
  let y = conv(filters, 1, stride, '1_conv').apply(x) as T;
  y = bn(`${name}_1_bn`).apply(y) as T;
  y = tf.layers.activation({ activation: 'relu', name: `${name}_1_relu` }).apply(y) as T;
  y = conv(filters, 3, 1, '2_conv', 'same').apply(y) as T;
  y = bn(`${name}_2_bn`).apply(y) as T;
  y = tf.layers.activation({ activation: 'relu', name: `${name}_2_relu` }).apply(y) as T;
  y = conv(4 * filters, 1, 1, '3_conv').apply(y) as T;
  y = bn(`${name}_3_bn`).apply(y) as T;
  y = tf.layers.add({ name: `${name}_add` }).apply([shortcut, y]) as T;
  return tf.layers.activation({ activation: 'relu', name: `${name}_out` }).apply(y) as T;
}

/** Keras `stack1`: `blocks` bottleneck blocks, the first with a projection shortcut. */
function stack1(s: ZooSetup, x: T, filters: number, blocks: number, stride1: number, name: string): T {
  let y = block1(s, x, filters, stride1, true, `${name}_block1`);
  for (let i = 2; i <= blocks; i++) y = block1(s, y, filters, 1, false, `${name}_block${i}`);
  return y;
}

/**
 * ResNet v1 as in `keras.applications.resnet` (include_top, softmax head), with identical layer
 * names so converted Keras weights load by name. `blocks` are the block counts of conv2..conv5.
 */
export function buildResNet(modelName: string, blocks: [number, number, number, number], opts?: ZooOptions): tf.LayersModel {
  const s = zooSetup(modelName, opts);
  const input = tf.input({ shape: s.inputShape, name: 'input_1' });
  let x = tf.layers
    .zeroPadding2d({
      padding: [
        [3, 3],
        [3, 3],
      ],
      name: 'conv1_pad',
    })
    .apply(input) as T;
  x = tf.layers.conv2d({ filters: 64, kernelSize: 7, strides: 2, name: 'conv1_conv', ...s.kernel() }).apply(x) as T;
  x = bn('conv1_bn').apply(x) as T;
  x = tf.layers.activation({ activation: 'relu', name: 'conv1_relu' }).apply(x) as T;
  x = tf.layers
    .zeroPadding2d({
      padding: [
        [1, 1],
        [1, 1],
      ],
      name: 'pool1_pad',
    })
    .apply(x) as T;
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }).apply(x) as T;
  x = stack1(s, x, 64, blocks[0], 1, 'conv2');
  x = stack1(s, x, 128, blocks[1], 2, 'conv3');
  x = stack1(s, x, 256, blocks[2], 2, 'conv4');
  x = stack1(s, x, 512, blocks[3], 2, 'conv5');
  x = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(x) as T;
  const out = tf.layers.dense({ units: s.classes, activation: 'softmax', name: 'predictions', ...s.kernel() }).apply(x) as T;
  return tf.model({ inputs: input, outputs: out, name: modelName });
}

/** ResNet-50 (keras.applications.ResNet50 layer names; blocks 3, 4, 6, 3). */
export function resnet50(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet50', [3, 4, 6, 3], opts);
}

/** ResNet-101 (keras.applications.ResNet101 layer names; blocks 3, 4, 23, 3). */
export function resnet101(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet101', [3, 4, 23, 3], opts);
}

/** ResNet-152 (keras.applications.ResNet152 layer names; blocks 3, 8, 36, 3). */
export function resnet152(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet152', [3, 8, 36, 3], opts);
}
