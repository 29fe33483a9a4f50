import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { vgg16 } from './vgg16.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('vgg16', () => {
  it('has the parameter count and layer names of keras.applications.VGG16 (138,357,544)', () => {
    const model = vgg16();
    expect(model.countParams()).toBe(138_357_544);
    const names = model.layers.map((l) => l.name);
    expect(names.slice(1, 4)).toEqual(['block1_conv1', 'block1_conv2', 'block1_pool']);
    expect(names.slice(-4)).toEqual(['flatten', 'fc1', 'fc2', 'predictions']);
    expect(model.getLayer('block5_conv3').outputShape).toEqual([null, 14, 14, 512]);
    expect(model.getLayer('block5_pool').outputShape).toEqual([null, 7, 7, 512]);
    model.dispose();
  });

  it('small inputs and class counts: flatten size follows the input', () => {
    const model = vgg16({ inputShape: [64, 64, 3], classes: 10, seed: 1 });
    // 64 / 32 = 2 → flatten 2·2·512 = 2048; conv params are independent of the input size.
    const convParams = 138_357_544 - (25088 * 4096 + 4096) - (4096 * 4096 + 4096) - (4096 * 1000 + 1000);
    expect(model.countParams()).toBe(convParams + (2048 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 10 + 10));
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    model.dispose();
  });
});
