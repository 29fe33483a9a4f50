import { tf } from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeLayersModel } from './disposeLayersModel.js';
import type { Json, JsonObject } from './Json.js';
import { LAYER_RULES } from './layerRules.js';
import { translateConfig } from './translateConfig.js';

const tensor = (layer: string): Json => ({ class_name: '__keras_tensor__', config: { shape: null, dtype: 'float32', keras_history: [layer, 0, 0] } });

/** A Keras 3 functional model: input(s) of `shape`, then `cls(config)`. */
function model(cls: string, config: JsonObject, shape: number[], inputs = 1): Json {
  const names = Array.from({ length: inputs }, (_, i) => `x${i}`);
  const ins = names.map((n) => ({
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: { batch_shape: [null, ...shape], dtype: 'float32', sparse: false, name: n },
    registered_name: null,
    name: n,
    inbound_nodes: [],
  }));
  const args = inputs > 1 ? [names.map(tensor)] : [tensor('x0')];
  const l = {
    module: 'keras.layers',
    class_name: cls,
    config: { name: 'l', trainable: true, ...config },
    registered_name: null,
    name: 'l',
    inbound_nodes: [{ args, kwargs: {} }],
  };
  return {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    registered_name: 'Functional',
    config: { name: 'm', layers: [...ins, l], input_layers: names.map((n) => [n, 0, 0]), output_layers: ['l', 0, 0] },
  };
}

/** Translates and builds with tfjs; returns the layer's weight names (tfjs's order) and the rule's. */
async function weightsOf(cls: string, config: JsonObject, shape: number[], inputs = 1) {
  const { topology, root } = translateConfig(model(cls, config, shape, inputs), { file: 'm.keras', kerasMajor: 3 });
  const m = await tf.loadLayersModel({ load: async () => ({ modelTopology: topology as tf.io.ModelJSON['modelTopology'] }) });
  const tfjs = m.getLayer('l').weights.map((w) => w.originalName.split('/').pop());
  disposeLayersModel(m);
  const node = root.children!.find((n) => n.name === 'l')!;
  return { tfjs, rule: node.rule?.weights?.(node.config) ?? [] };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("LAYER_RULES: each class's weight order (how Keras 3's vars/0, vars/1, … are named) is tfjs's", () => {
  // Keras's order, from the layers' build() in keras/src/layers: kernel then bias; gamma, beta, moving_mean,
  // moving_variance (only those center/scale ask for); depthwise then pointwise kernel; PReLU alpha.
  const cases: [string, JsonObject, number[], string[]][] = [
    ['Conv2D', { filters: 2, kernel_size: [1, 1] }, [4, 4, 3], ['kernel', 'bias']],
    ['Conv2D', { filters: 2, kernel_size: [1, 1], use_bias: false }, [4, 4, 3], ['kernel']],
    ['DepthwiseConv2D', { kernel_size: [3, 3], depth_multiplier: 2 }, [4, 4, 3], ['depthwise_kernel', 'bias']],
    ['SeparableConv2D', { filters: 2, kernel_size: [3, 3] }, [4, 4, 3], ['depthwise_kernel', 'pointwise_kernel', 'bias']],
    ['Dense', { units: 2 }, [3], ['kernel', 'bias']],
    ['Dense', { units: 2, use_bias: false }, [3], ['kernel']],
    ['BatchNormalization', { axis: -1 }, [4, 4, 3], ['gamma', 'beta', 'moving_mean', 'moving_variance']],
    ['BatchNormalization', { axis: -1, center: false }, [4, 4, 3], ['gamma', 'moving_mean', 'moving_variance']],
    ['BatchNormalization', { axis: -1, scale: false }, [4, 4, 3], ['beta', 'moving_mean', 'moving_variance']],
    ['LayerNormalization', { axis: -1 }, [3], ['gamma', 'beta']],
    ['LayerNormalization', { axis: -1, scale: false }, [3], ['beta']],
    ['PReLU', {}, [4, 4, 3], ['alpha']],
  ];
  for (const [cls, config, shape, keras] of cases) {
    it(`${cls} ${JSON.stringify(config)}: ${keras.join(', ')}`, async () => {
      const { tfjs, rule } = await weightsOf(cls, config, shape);
      expect(rule).toEqual(keras);
      expect(tfjs).toEqual(keras);
    });
  }

  it('every class with weights is covered above', () => {
    const withWeights = Object.entries(LAYER_RULES)
      .filter(([, r]) => r.weights)
      .map(([c]) => c);
    expect(withWeights.sort()).toEqual([...new Set(cases.map((c) => c[0]))].sort());
  });
});

describe('LAYER_RULES: every class without weights translates into a tfjs layer that builds and has none', () => {
  const img = [4, 4, 3];
  const cases: [string, JsonObject, number[], number?][] = [
    ['Activation', { activation: 'relu' }, img],
    ['ReLU', { max_value: 6, negative_slope: 0, threshold: 0 }, img],
    ['LeakyReLU', { negative_slope: 0.3 }, img],
    ['ELU', { alpha: 1 }, img],
    ['Softmax', { axis: -1 }, img],
    ['ThresholdedReLU', { theta: 1 }, img],
    ['MaxPooling2D', { pool_size: [2, 2], strides: [2, 2], padding: 'valid', data_format: 'channels_last' }, img],
    ['AveragePooling2D', { pool_size: [2, 2], strides: [2, 2], padding: 'same', data_format: 'channels_last' }, img],
    ['GlobalAveragePooling2D', { data_format: 'channels_last', keepdims: false }, img],
    ['GlobalMaxPooling2D', { data_format: 'channels_last', keepdims: false }, img],
    [
      'ZeroPadding2D',
      {
        padding: [
          [1, 1],
          [2, 2],
        ],
        data_format: 'channels_last',
      },
      img,
    ],
    [
      'Cropping2D',
      {
        cropping: [
          [1, 1],
          [1, 1],
        ],
        data_format: 'channels_last',
      },
      img,
    ],
    ['UpSampling2D', { size: [2, 2], data_format: 'channels_last', interpolation: 'nearest' }, img],
    ['Flatten', { data_format: 'channels_last' }, img],
    ['Reshape', { target_shape: [16, 3] }, img],
    ['Permute', { dims: [3, 1, 2] }, img],
    ['Dropout', { rate: 0.5, seed: null, noise_shape: null }, img],
    ['SpatialDropout2D', { rate: 0.5, seed: null, data_format: 'channels_last' }, img],
    ['GaussianNoise', { stddev: 0.1, seed: null }, img],
    ['GaussianDropout', { rate: 0.1, seed: null }, img],
    ['AlphaDropout', { rate: 0.1, seed: null, noise_shape: null }, img],
    ['Rescaling', { scale: 0.5, offset: -1 }, img],
    ['InputLayer', {}, img],
    ['Add', {}, img, 2],
    ['Multiply', {}, img, 2],
    ['Average', {}, img, 2],
    ['Maximum', {}, img, 2],
    ['Minimum', {}, img, 2],
    ['Concatenate', { axis: -1 }, img, 2],
  ];
  for (const [cls, config, shape, inputs] of cases.filter((c) => c[0] !== 'InputLayer')) {
    it(cls, async () => {
      const { tfjs, rule } = await weightsOf(cls, config, shape, inputs);
      expect([tfjs, rule]).toEqual([[], []]);
    });
  }

  it('every rule is covered by one of the two lists', () => {
    const covered = new Set([
      ...cases.map((c) => c[0]),
      'Conv2D',
      'DepthwiseConv2D',
      'SeparableConv2D',
      'Dense',
      'BatchNormalization',
      'LayerNormalization',
      'PReLU',
    ]);
    expect(Object.keys(LAYER_RULES).filter((c) => !covered.has(c))).toEqual([]);
  });
});
