import { beforeAll, describe, expect, it } from 'vitest';
import { mobilenetV2, resnet152, selectBackend, tf, vgg16, wrapLayersModel } from '@visor/engine-tfjs';
import { findCamLayer } from './findCamLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

// Layer names are those of keras.applications (the zoo keeps them so converted weights load by name). Only the
// layer graphs are read (no forward pass). At 64×64 the stride-32 maps are 2×2; at 32×32 they would be 1×1, which
// Grad-CAM passes over (a single cell localises nothing).
describe('target layers of the reference architectures', () => {
  it('VGG16 (Flatten → fc1 → fc2 → predictions): CAM is refused naming that head; Grad-CAM uses block5_pool', async () => {
    const model = wrapLayersModel(vgg16({ inputShape: [64, 64, 3], classes: 10, seed: 1 }), 'vgg16', { owned: true });
    expect(() => findCamLayer(model)).toThrow(
      'has the head flatten (Flatten) → fc1 (Dense) → fc2 (Dense) → predictions (Dense); it does not start with a global average pooling',
    );
    expect(findGradCamLayer(model)).toBe('block5_pool');
    await model.dispose();
  });

  it('MobileNetV2: CAM and Grad-CAM both use out_relu', async () => {
    const model = wrapLayersModel(mobilenetV2({ inputShape: [64, 64, 3], classes: 10, seed: 1 }), 'mobilenetv2', { owned: true });
    const head = findCamLayer(model);
    expect(head.featureLayer).toBe('out_relu');
    expect(head.denseLayer).toBe('predictions');
    expect(findGradCamLayer(model)).toBe('out_relu');
    await model.dispose();
  });

  it('MobileNetV2 with an AveragePooling2D(7) → Flatten → Dense head (issue 18): Grad-CAM uses the 7×7 out_relu, not the pooled 1×1', async () => {
    const base = mobilenetV2({ inputShape: [224, 224, 3], classes: 10, seed: 1 });
    const features = base.getLayer('out_relu').output as tf.SymbolicTensor;
    const pooled = tf.layers.averagePooling2d({ poolSize: 7, name: 'avg_pool_7' }).apply(features) as tf.SymbolicTensor;
    const flat = tf.layers.flatten({ name: 'flatten' }).apply(pooled) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 10, activation: 'softmax', name: 'logits' }).apply(flat) as tf.SymbolicTensor;
    const model = wrapLayersModel(tf.model({ inputs: base.inputs, outputs: out }), 'mobilenetv2-avgpool7');
    expect(model.layer('out_relu').outputShape).toEqual([null, 7, 7, 1280]);
    expect(model.layer('avg_pool_7').outputShape).toEqual([null, 1, 1, 1280]);
    expect(findGradCamLayer(model)).toBe('out_relu');
    expect(() => findCamLayer(model)).toThrow('has the head avg_pool_7 (AveragePooling2D) → flatten (Flatten) → logits (Dense)');
    await model.dispose();
    base.dispose();
  });

  it('ResNet-152: conv5_block3_out → avg_pool → predictions', async () => {
    const model = wrapLayersModel(resnet152({ inputShape: [64, 64, 3], classes: 10, seed: 1 }), 'resnet152', { owned: true });
    expect(findCamLayer(model)).toEqual({
      featureLayer: 'conv5_block3_out',
      poolLayer: 'avg_pool',
      denseLayer: 'predictions',
      biasLayer: 'predictions',
      description: 'avg_pool (GlobalAveragePooling2D) → predictions (Dense)',
    });
    expect(findGradCamLayer(model)).toBe('conv5_block3_out');
    await model.dispose();
    expect(tf.getBackend()).toBe('wasm');
  });
});
