import { beforeAll, describe, expect, it } from 'vitest';
import { mobilenetV2, resnet152, selectBackend, tf, vgg16, wrapLayersModel } from '@visor/core';
import { findCamLayer } from './findCamLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

// Layer names are those of keras.applications (the zoo keeps them so converted weights load by name).
describe('target layers of the reference architectures', () => {
  it('VGG16 (Flatten → fc1 → fc2 → predictions): CAM is refused naming that head; Grad-CAM uses block5_pool', () => {
    const tfModel = vgg16({ inputShape: [32, 32, 3], classes: 10, seed: 1 });
    const model = wrapLayersModel(tfModel, 'vgg16');
    expect(() => findCamLayer(model)).toThrow(
      'has the head flatten (Flatten) → fc1 (Dense) → fc2 (Dense) → predictions (Dense); it does not start with GlobalAveragePooling2D',
    );
    expect(findGradCamLayer(model)).toBe('block5_pool');
    tfModel.dispose();
  });

  it('MobileNetV2: CAM and Grad-CAM both use out_relu', () => {
    const tfModel = mobilenetV2({ inputShape: [32, 32, 3], classes: 10, seed: 1 });
    const model = wrapLayersModel(tfModel, 'mobilenetv2');
    const head = findCamLayer(model);
    expect(head.featureLayer).toBe('out_relu');
    expect(head.denseLayer).toBe('predictions');
    expect(findGradCamLayer(model)).toBe('out_relu');
    tfModel.dispose();
  });

  it('ResNet-152: conv5_block3_out → avg_pool → predictions', () => {
    const tfModel = resnet152({ inputShape: [32, 32, 3], classes: 10, seed: 1 });
    const model = wrapLayersModel(tfModel, 'resnet152');
    expect(findCamLayer(model)).toEqual({
      featureLayer: 'conv5_block3_out',
      poolLayer: 'avg_pool',
      denseLayer: 'predictions',
      biasLayer: 'predictions',
      description: 'avg_pool (GlobalAveragePooling2D) → predictions (Dense)',
    });
    expect(findGradCamLayer(model)).toBe('conv5_block3_out');
    tfModel.dispose();
    expect(tf.getBackend()).toBe('wasm');
  });
});
