import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { mobilenetV2 } from './mobilenetV2.js';

let model: tf.LayersModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = mobilenetV2();
});
afterAll(() => model.dispose());

describe('mobilenetV2', () => {
  it('has the parameter count of keras.applications.MobileNetV2 (3,538,984)', () => {
    expect(model.countParams()).toBe(3_538_984);
  });

  it('uses the Keras layer names and shapes', () => {
    const names = model.layers.map((l) => l.name);
    for (const n of [
      'Conv1',
      'bn_Conv1',
      'Conv1_relu',
      'expanded_conv_depthwise',
      'expanded_conv_project_BN',
      'block_1_expand',
      'block_1_pad',
      'block_2_add',
      'block_16_project_BN',
      'Conv_1',
      'Conv_1_bn',
      'out_relu',
      'global_average_pooling2d',
      'predictions',
    ]) {
      expect(names).toContain(n);
    }
    expect(names).not.toContain('expanded_conv_add'); // 32 → 16 channels: no residual
    expect(model.getLayer('out_relu').outputShape).toEqual([null, 7, 7, 1280]);
    expect(model.getLayer('block_1_pad').outputShape).toEqual([null, 113, 113, 96]); // ((0,1),(0,1)) on 112
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
  });
});
