import type { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { buildResNet } from './buildResNet.js';

/** ResNet-101 (keras.applications.ResNet101 layer names; blocks 3, 4, 23, 3). */
export function resnet101(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet101', [3, 4, 23, 3], opts);
}
