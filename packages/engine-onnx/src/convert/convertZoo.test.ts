import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithTfjs, mobilenetV2, randomizeWeights, resnet50, tf, useCpu, vgg16 } from './tfjsReference.testkit.js';

beforeAll(useCpu);

const models: tf.LayersModel[] = [];
afterAll(() => models.forEach((m) => m.dispose()));

/** A reference architecture at a reduced size, seeded, with random batch-norm statistics (identity BNs would hide layout errors). */
function build(make: typeof resnet50, size: number): tf.LayersModel {
  const m = make({ inputShape: [size, size, 3], classes: 10, seed: 1 });
  randomizeWeights(m, 5, 0.5, (n) => /moving_mean/.test(n));
  models.push(m);
  return m;
}

describe('the reference architectures, every Keras layer against TF.js (cpu)', () => {
  it('ResNet-50 at 64×64: 177 layers within 1e-4, conv5_block3_out bound NCHW, softmax head', async () => {
    const { spec, worst, shapeMismatches } = await compareWithTfjs(build(resnet50, 64), { batch: 1 });
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-4);
    expect(spec.layers).toHaveLength(177);
    expect(spec.bindings.get('conv5_block3_out')).toEqual({ tensor: 'conv5_block3_out', layout: 'NCHW' });
    expect(spec.layers.find((l) => l.name === 'conv5_block3_add')).toMatchObject({ kind: 'merge', inbound: ['conv5_block2_out', 'conv5_block3_3_bn'] });
    expect(spec.finalActivation).toBe('softmax');
    expect(spec.outputLayer).toBe('predictions');
  });

  it('MobileNetV2 at 96×96 (ReLU6 as Clip, depthwise convs, correct_pad paddings) within 1e-4', async () => {
    const { worst, shapeMismatches, spec } = await compareWithTfjs(build(mobilenetV2, 96), { batch: 1 });
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-4);
    expect(spec.layers.find((l) => l.name === 'out_relu')).toMatchObject({ activation: 'relu6', outputShape: [null, 3, 3, 1280] });
  });

  it('VGG16 at 32×32 (fused relu convs, Flatten in (h, w, c) order, two relu Dense layers) within 1e-4', async () => {
    const { worst, shapeMismatches } = await compareWithTfjs(build(vgg16, 32), { batch: 1 });
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-4);
  });
});
