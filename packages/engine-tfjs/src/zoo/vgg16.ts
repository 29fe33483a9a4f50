import { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { zooSetup } from './zooSetup.js';

type T = tf.SymbolicTensor;

/** VGG16 as in `keras.applications.VGG16` (include_top), with identical layer names. */
export function vgg16(opts?: ZooOptions): tf.LayersModel {
  const s = zooSetup('vgg16', opts);
  const input = tf.input({ shape: s.inputShape, name: 'input_1' });
  let x: T = input;
  const blocks: [number, number][] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  blocks.forEach(([filters, convs], b) => {
    for (let c = 1; c <= convs; c++) {
      x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${b + 1}_conv${c}`, ...s.kernel() }).apply(x) as T;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x) as T;
  });
  x = tf.layers.flatten({ name: 'flatten' }).apply(x) as T;
  x = tf.layers.dense({ units: 4096, activation: 'relu', name: 'fc1', ...s.kernel() }).apply(x) as T;
  x = tf.layers.dense({ units: 4096, activation: 'relu', name: 'fc2', ...s.kernel() }).apply(x) as T;
  const out = tf.layers.dense({ units: s.classes, activation: 'softmax', name: 'predictions', ...s.kernel() }).apply(x) as T;
  return tf.model({ inputs: input, outputs: out, name: 'vgg16' });
}
