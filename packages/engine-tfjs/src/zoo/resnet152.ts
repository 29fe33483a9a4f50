import type { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { buildResNet } from './buildResNet.js';

/** ResNet-152 (keras.applications.ResNet152 layer names; blocks 3, 8, 36, 3). */
export function resnet152(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet152', [3, 8, 36, 3], opts);
}
