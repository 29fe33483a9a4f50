import type { tf } from '../tf.js';
import type { ZooOptions } from './ZooOptions.js';
import { buildResNet } from './buildResNet.js';

/** ResNet-50 (keras.applications.ResNet50 layer names; blocks 3, 4, 6, 3). */
export function resnet50(opts?: ZooOptions): tf.LayersModel {
  return buildResNet('resnet50', [3, 4, 6, 3], opts);
}
