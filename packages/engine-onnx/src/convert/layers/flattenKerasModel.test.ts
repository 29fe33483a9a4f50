import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, randomizeWeights, relDiff, seededValues, tf, useCpu } from '../tfjsReference.testkit.js';
import { flattenKerasModel } from './flattenKerasModel.js';

beforeAll(useCpu);

const input = (name: string, shape: (number | null)[], key = 'batch_input_shape') => ({
  class_name: 'InputLayer',
  name,
  config: { [key]: shape, name },
  inbound_nodes: [],
});
const k2 = (cls: string, name: string, config: object, inbound: string[][]) => ({
  class_name: cls,
  name,
  config: { name, ...config },
  inbound_nodes: inbound.map((node) => node.map((n) => [n, n === 'inner' ? 1 : 0, 0, {}])),
});

describe('flattenKerasModel', () => {
  it('reads a tf.keras (Keras 2) Sequential around a nested Functional, as a Keras .h5 stores it', () => {
    // Sequential([ResNet-like functional, GAP, Dense]): Keras writes an InputLayer "<nested>_input" first.
    const nested = {
      class_name: 'Functional',
      config: {
        name: 'backbone',
        layers: [input('input_1', [null, 32, 32, 3]), k2('Conv2D', 'conv1', {}, [['input_1']]), k2('Activation', 'conv1_relu', {}, [['conv1']])],
        input_layers: [['input_1', 0, 0]],
        output_layers: [['conv1_relu', 0, 0]],
      },
    };
    const g = flattenKerasModel(
      {
        keras_version: '2.11.0',
        backend: 'tensorflow',
        model_config: {
          class_name: 'Sequential',
          config: {
            name: 'sequential',
            layers: [
              { class_name: 'InputLayer', config: { batch_input_shape: [null, 32, 32, 3], name: 'backbone_input' } },
              nested,
              { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } },
              { class_name: 'Dense', config: { name: 'out' } },
            ],
          },
        },
      },
      'm.h5',
    );
    expect(g.calls.map((c) => [c.name, c.role, c.inbound.join()])).toEqual([
      ['backbone_input', 'input', ''],
      ['backbone/input_1', 'nested-input', 'backbone_input'],
      ['backbone/conv1', 'layer', 'backbone/input_1'],
      ['backbone/conv1_relu', 'layer', 'backbone/conv1'],
      ['backbone', 'model', 'backbone/conv1_relu'],
      ['gap', 'layer', 'backbone'],
      ['out', 'layer', 'gap'],
    ]);
    expect(g.calls[2]!.localName).toBe('conv1');
    expect([g.input, g.output, g.kerasMajor, g.fromTfjs]).toEqual(['backbone_input', 'out', 2, false]);
  });

  it('reads a Functional calling a nested Functional (Keras 2 numbers its first call node 1) and a Concatenate of two branches', () => {
    const inner = {
      class_name: 'Functional',
      name: 'inner',
      config: {
        name: 'inner',
        layers: [input('x', [null, 8, 8, 3]), k2('Conv2D', 'conv', {}, [['x']])],
        input_layers: [['x', 0, 0]],
        output_layers: [['conv', 0, 0]],
      },
      inbound_nodes: [[['img', 0, 0, {}]]],
    };
    const g = flattenKerasModel(
      {
        class_name: 'Functional',
        config: {
          name: 'outer',
          layers: [
            input('img', [null, 8, 8, 3]),
            inner,
            k2('ReLU', 'a', {}, [['inner']]),
            k2('ReLU', 'b', {}, [['inner']]),
            k2('Concatenate', 'cat', {}, [['a', 'b']]),
          ],
          input_layers: [['img', 0, 0]],
          output_layers: [['cat', 0, 0]],
        },
      },
      'm.h5',
    );
    expect(g.calls.map((c) => [c.name, c.inbound.join()])).toEqual([
      ['img', ''],
      ['inner/x', 'img'],
      ['inner/conv', 'inner/x'],
      ['inner', 'inner/conv'],
      ['a', 'inner'],
      ['b', 'inner'],
      ['cat', 'a,b'],
    ]);
  });

  it('reads Keras 3 inbound nodes ({args: [keras tensors]}) and a single output given as [name, 0, 0]', () => {
    const t = (name: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [name, 0, 0] } });
    const k3 = (cls: string, name: string, args: unknown[]) => ({
      module: 'keras.layers',
      class_name: cls,
      name,
      config: { name },
      registered_name: null,
      inbound_nodes: [{ args, kwargs: {} }],
    });
    const g = flattenKerasModel(
      {
        module: 'keras.src.models.functional',
        class_name: 'Functional',
        config: {
          name: 'functional',
          layers: [
            input('input_layer', [null, 8, 8, 3], 'batch_shape'),
            k3('Conv2D', 'c1', [t('input_layer')]),
            k3('Conv2D', 'c2', [t('input_layer')]),
            k3('Add', 'add', [[t('c1'), t('c2')]]),
          ],
          input_layers: [['input_layer', 0, 0]],
          output_layers: ['add', 0, 0],
        },
        registered_name: 'Functional',
      },
      'm.keras',
    );
    expect(g.calls.map((c) => [c.name, c.inbound.join()])).toEqual([
      ['input_layer', ''],
      ['c1', 'input_layer'],
      ['c2', 'input_layer'],
      ['add', 'c1,c2'],
    ]);
    expect(g.kerasMajor).toBe(3);
  });

  it('converts a Keras 3 topology end to end (batch_shape, keras tensors, snake_case activations) equal to the same net in TF.js', async () => {
    const m = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2d' }),
        tf.layers.globalAveragePooling2d({ name: 'gap' }),
        tf.layers.dense({ units: 4, activation: 'softmax', name: 'dense' }),
      ],
    });
    randomizeWeights(m, 9);
    const art = await artifactsOf(m);
    const t = (name: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [name, 0, 0] } });
    const layer = (cls: string, name: string, config: object, from: string) => ({
      module: 'keras.layers',
      class_name: cls,
      name,
      config: { name, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } }, ...config },
      inbound_nodes: [{ args: [t(from)], kwargs: {} }],
    });
    const topology = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: 'functional',
        layers: [
          input('input_layer', [null, 6, 6, 2], 'batch_shape'),
          layer(
            'Conv2D',
            'conv2d',
            {
              filters: 3,
              kernel_size: [3, 3],
              strides: [1, 1],
              padding: 'same',
              data_format: 'channels_last',
              dilation_rate: [1, 1],
              groups: 1,
              activation: 'relu',
              use_bias: true,
            },
            'input_layer',
          ),
          layer('GlobalAveragePooling2D', 'gap', { data_format: 'channels_last', keepdims: false }, 'conv2d'),
          layer('Dense', 'dense', { units: 4, activation: 'softmax', use_bias: true }, 'gap'),
        ],
        input_layers: [['input_layer', 0, 0]],
        output_layers: [['dense', 0, 0]],
      },
    };
    const spec = convertTfjsModel({ modelTopology: topology, weightSpecs: art.weightSpecs, weightData: art.weightData, format: 'layers-model' }, 'm.keras');
    const x = { data: seededValues(2 * 72, 4), shape: [2, 6, 6, 2] };
    const [y] = await runOnnx(spec.proto, { input_layer: x }, [spec.output]);
    const ref = m.predict(tf.tensor4d(x.data, [2, 6, 6, 2])) as tf.Tensor;
    expect(relDiff(y!.data, ref.dataSync())).toBeLessThan(1e-5);
    ref.dispose();
  });
});
