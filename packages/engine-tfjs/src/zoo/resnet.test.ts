import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { isVisorError } from '@visor/core';
import { resnet101, resnet152, resnet50 } from './resnet.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('resnet', () => {
  it('ResNet50: Keras parameter count (25,636,712), names and shapes', () => {
    const model = resnet50();
    expect(model.countParams()).toBe(25_636_712);
    const names = model.layers.map((l) => l.name);
    expect(names.slice(1, 7)).toEqual(['conv1_pad', 'conv1_conv', 'conv1_bn', 'conv1_relu', 'pool1_pad', 'pool1_pool']);
    expect(names.slice(-3)).toEqual(['conv5_block3_out', 'avg_pool', 'predictions']);
    expect(model.getLayer('conv2_block1_0_conv').outputShape).toEqual([null, 56, 56, 256]);
    expect(model.getLayer('conv4_block6_out').outputShape).toEqual([null, 14, 14, 1024]);
    expect(model.getLayer('conv5_block3_out').outputShape).toEqual([null, 7, 7, 2048]);
    expect((model.getLayer('conv1_bn').getConfig() as { epsilon: number }).epsilon).toBe(1.001e-5);
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
    model.dispose();
  });

  it('ResNet101 (44,707,176) and ResNet152 (60,419,944)', () => {
    const r101 = resnet101();
    expect(r101.countParams()).toBe(44_707_176);
    expect(r101.layers.map((l) => l.name)).toContain('conv4_block23_out');
    r101.dispose();
    const r152 = resnet152({ inputShape: [64, 64, 3], classes: 5 });
    // Same convolutions; head 2048·5 + 5 instead of 2048·1000 + 1000.
    expect(r152.countParams()).toBe(60_419_944 - (2048 * 1000 + 1000) + (2048 * 5 + 5));
    expect(r152.getLayer('conv5_block3_out').outputShape).toEqual([null, 2, 2, 2048]);
    expect(r152.layers.map((l) => l.name)).toContain('conv4_block36_out');
    r152.dispose();
  });

  it('a seed gives deterministic weights', () => {
    const a = resnet50({ inputShape: [32, 32, 3], classes: 3, seed: 42 });
    const b = resnet50({ inputShape: [32, 32, 3], classes: 3, seed: 42 });
    const c = resnet50({ inputShape: [32, 32, 3], classes: 3, seed: 43 });
    const k = (m: tf.LayersModel) => m.getLayer('conv3_block1_2_conv').getWeights()[0]!.dataSync();
    expect(Array.from(k(a))).toEqual(Array.from(k(b)));
    expect(Array.from(k(a))).not.toEqual(Array.from(k(c)));
    // Different layers get different seeds.
    expect(Array.from(a.getLayer('conv2_block2_1_conv').getWeights()[0]!.dataSync().slice(0, 8))).not.toEqual(
      Array.from(a.getLayer('conv2_block3_1_conv').getWeights()[0]!.dataSync().slice(0, 8)),
    );
    [a, b, c].forEach((m) => m.dispose());
  });

  it('rejects bad options with the option name and what is accepted', () => {
    let err: unknown;
    try {
      resnet50({ inputShape: [224, 224] as unknown as [number, number, number] });
    } catch (e) {
      err = e;
    }
    expect(isVisorError(err)).toBe(true);
    expect((err as Error).message).toBe('resnet50: inputShape [224,224] is not valid; accepted: [height, width, channels] of positive integers');
    expect(() => resnet50({ classes: 0 })).toThrow(/resnet50: classes 0 is not valid; accepted: a positive integer/);
  });
});
