import { tf } from '../tf.js';
import { isVisorError } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeLayersModel } from './disposeLayersModel.js';
import type { Json, JsonObject } from './Json.js';
import { toSnakeCase } from './keras3Weights.js';
import { translateConfig } from './translateConfig.js';

const FILE = '/models/m.keras';
const DTYPE: Json = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

/** A Keras 3 serialized KerasTensor. */
const tensor = (layer: string, node = 0): Json => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, 2], dtype: 'float32', keras_history: [layer, node, 0] },
});

/** A Keras 3 functional layer entry called on `inputs`. */
function layer(cls: string, name: string, config: JsonObject, inputs: string[], extra: JsonObject = {}): JsonObject {
  const args: Json[] = inputs.length > 1 ? [inputs.map((i) => tensor(i))] : inputs.map((i) => tensor(i));
  return {
    module: 'keras.layers',
    class_name: cls,
    config: { name, trainable: true, dtype: DTYPE, ...config },
    registered_name: null,
    name,
    inbound_nodes: inputs.length ? [{ args, kwargs: {} }] : [],
    ...extra,
  };
}
const input = (name: string, shape: number[]): JsonObject => ({
  module: 'keras.layers',
  class_name: 'InputLayer',
  config: { batch_shape: [null, ...shape], dtype: 'float32', sparse: false, name },
  registered_name: null,
  name,
  inbound_nodes: [],
});
const functional = (layers: JsonObject[], inputName: string, outputName: string): JsonObject => ({
  module: 'keras.src.models.functional',
  class_name: 'Functional',
  registered_name: 'Functional',
  config: { name: 'm', trainable: true, layers, input_layers: [inputName, 0, 0], output_layers: [outputName, 0, 0] },
});
const dense = (name: string, units: number, inputs: string[], config: JsonObject = {}) =>
  layer(
    'Dense',
    name,
    {
      units,
      activation: 'linear',
      use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: null,
      bias_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      quantization_config: null,
      ...config,
    },
    inputs,
  );

/** One-layer model around `l` (called on a [null, 2] input). */
const around = (l: JsonObject) => functional([input('x', [2]), l], 'x', String(l.name));

function refusal(config: Json, kerasMajor = 3): string {
  try {
    translateConfig(config, { file: FILE, kerasMajor });
  } catch (e) {
    if (!isVisorError(e)) throw e;
    expect(e.code).toBe('model');
    expect(e.message.startsWith(`${FILE}: `)).toBe(true);
    return e.message;
  }
  throw new Error('expected a refusal');
}

async function build(config: Json, kerasMajor = 3): Promise<tf.LayersModel> {
  const { topology } = translateConfig(config, { file: FILE, kerasMajor });
  return tf.loadLayersModel({ load: async () => ({ modelTopology: topology as tf.io.ModelJSON['modelTopology'] }) });
}

function run(model: tf.LayersModel, x: number[][]): number[][] {
  const t = tf.tensor2d(x);
  const y = model.predict(t) as tf.Tensor;
  const out = y.arraySync() as number[][];
  tf.dispose([t, y]);
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('toSnakeCase (keras/src/utils/naming.py), which names the weight groups of .keras files', () => {
  it('matches Python re.sub on the Keras regexes', () => {
    // Values printed by Python 3 running keras's to_snake_case on these names.
    const cases: Record<string, string> = {
      Conv2D: 'conv2d',
      BatchNormalization: 'batch_normalization',
      GlobalAveragePooling2D: 'global_average_pooling2d',
      ReLU: 're_lu',
      PReLU: 'p_re_lu',
      DepthwiseConv2D: 'depthwise_conv2d',
      SeparableConv2D: 'separable_conv2d',
      Functional: 'functional',
      InputLayer: 'input_layer',
      UpSampling2D: 'up_sampling2d',
      ELU: 'elu',
      LayerNormalization: 'layer_normalization',
    };
    for (const [cls, snake] of Object.entries(cases)) expect(toSnakeCase(cls), cls).toBe(snake);
  });
});

describe('translateConfig: Keras 3 configs become what tfjs-layers builds, with the same arithmetic', () => {
  it('a Sequential nested in a Functional: Keras 3 counts its calls from 0, tfjs from 1', async () => {
    const seq: JsonObject = {
      module: 'keras',
      class_name: 'Sequential',
      registered_name: null,
      name: 'block',
      config: { name: 'block', trainable: true, dtype: DTYPE, layers: [input('block_in', [2]), dense('inner', 2, [])] },
      inbound_nodes: [{ args: [tensor('x')], kwargs: {} }],
    };
    // `out` reads the Sequential's first call: node 0 in Keras 3.
    const cfg = functional([input('x', [2]), seq, dense('out', 1, ['block'])], 'x', 'out');
    const m = await build(cfg);
    // Hand-set weights: inner = 2·identity, out = [1, 1]ᵀ + 0.5 → [1, 2] ↦ [2, 4] ↦ 6.5.
    (m.getLayer('block') as tf.LayersModel).getLayer('inner').setWeights([
      tf.tensor2d([
        [2, 0],
        [0, 2],
      ]),
      tf.tensor1d([0, 0]),
    ]);
    m.getLayer('out').setWeights([tf.tensor2d([[1], [1]]), tf.tensor1d([0.5])]);
    expect(run(m, [[1, 2]])).toEqual([[6.5]]);
    disposeLayersModel(m);
    // The same Sequential as the model's output: output_layers ['block', 0, 0] is tfjs's node 1 too.
    const asOutput = await build(functional([input('x', [2]), seq], 'x', 'block'));
    (asOutput.getLayer('block') as tf.LayersModel).getLayer('inner').setWeights([
      tf.tensor2d([
        [2, 0],
        [0, 2],
      ]),
      tf.tensor1d([0, 1]),
    ]);
    expect(run(asOutput, [[1, 2]])).toEqual([[2, 5]]);
    disposeLayersModel(asOutput);
  });

  it('LeakyReLU(negative_slope) is tfjs LeakyReLU(alpha); ReLU(max_value) clips', async () => {
    const leaky = await build(around(layer('LeakyReLU', 'act', { negative_slope: 0.2 }, ['x'])));
    expect(run(leaky, [[-1, 2]])[0]!.map((v) => Math.fround(v))).toEqual([Math.fround(-0.2), 2]);
    disposeLayersModel(leaky);
    const relu6 = await build(around(layer('ReLU', 'act', { max_value: 6, negative_slope: 0, threshold: 0 }, ['x'])));
    expect(run(relu6, [[-1, 7]])).toEqual([[0, 6]]);
    disposeLayersModel(relu6);
  });

  it("Keras 2 BatchNormalization's axis list [3] becomes 3; dtype policies become float32", () => {
    const bn = layer('BatchNormalization', 'bn', { axis: [3], momentum: 0.99, epsilon: 0.001, center: true, scale: true }, ['x']);
    const mixed = {
      ...bn,
      config: { ...(bn.config as JsonObject), dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'mixed_float16' }, registered_name: null } },
    };
    const { topology } = translateConfig(around(mixed), { file: FILE, kerasMajor: 3 });
    const layers = (topology.config as JsonObject).layers as JsonObject[];
    expect((layers[1]!.config as JsonObject).axis).toBe(3);
    expect((layers[1]!.config as JsonObject).dtype).toBe('float32');
  });

  it('initializers: Keras 3 objects renamed for tfjs (Lecun → LeCun), unknown ones left to the layer default', () => {
    const d = dense('d', 2, ['x'], {
      kernel_initializer: { module: 'keras.initializers', class_name: 'LecunNormal', config: { seed: 3 }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'STFT', config: {}, registered_name: null },
    });
    const { topology } = translateConfig(around(d), { file: FILE, kerasMajor: 3 });
    const c = ((topology.config as JsonObject).layers as JsonObject[])[1]!.config as JsonObject;
    expect(c.kernel_initializer).toEqual({ class_name: 'LeCunNormal', config: { seed: 3 } });
    expect('bias_initializer' in c).toBe(false);
  });

  it('inbound nodes become [[layer, node, tensor, {}]] and a single input [[name, 0, 0]]', () => {
    const { topology, root } = translateConfig(around(dense('d', 1, ['x'])), { file: FILE, kerasMajor: 3 });
    const c = topology.config as JsonObject;
    expect(topology.class_name).toBe('Model');
    expect(c.input_layers).toEqual([['x', 0, 0]]);
    expect((c.layers as JsonObject[])[1]!.inbound_nodes).toEqual([[['x', 0, 0, {}]]]);
    expect((c.layers as JsonObject[])[0]!.config).toEqual({ batch_input_shape: [null, 2], dtype: 'float32', name: 'x' });
    expect(root.children!.map((n) => [n.name, n.kerasClass])).toEqual([
      ['x', 'InputLayer'],
      ['d', 'Dense'],
    ]);
  });

  it("TensorFlow 1.13's BatchNormalizationV1 is a BatchNormalization", () => {
    const bn = {
      ...layer('BatchNormalizationV1', 'bn', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, fused: null }, ['x']),
      module: undefined,
    } as unknown as JsonObject;
    const { topology } = translateConfig(around(bn), { file: FILE, kerasMajor: 2 });
    expect(((topology.config as JsonObject).layers as JsonObject[])[1]!.class_name).toBe('BatchNormalization');
  });

  it('a Sequential without an InputLayer gets one from build_input_shape', async () => {
    const cfg: JsonObject = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, activation: 'linear', use_bias: false } }],
        build_input_shape: [null, 3],
      },
    };
    const m = await build(cfg, 2);
    expect(m.inputs[0]!.shape).toEqual([null, 3]);
    disposeLayersModel(m);
  });

  it("'hard_sigmoid' is Keras 2's clip(0.2x + 0.5) like tfjs's, refused for Keras 3 (relu6(x + 3) / 6)", async () => {
    const act = layer('Activation', 'a', { activation: 'hard_sigmoid' }, ['x']);
    const m = await build(around(act), 2);
    expect(run(m, [[1, -5]])[0]!.map(Math.fround)).toEqual([Math.fround(0.7), 0]);
    disposeLayersModel(m);
    expect(refusal(around(act), 3)).toMatch(/layer 'a' \(Activation\): activation 'hard_sigmoid' is Keras 3's/);
  });
});

describe('translateConfig refuses what tfjs would compute differently, naming the layer', () => {
  const conv = (config: JsonObject) =>
    layer(
      'Conv2D',
      'c',
      {
        filters: 4,
        kernel_size: [3, 3],
        strides: [1, 1],
        padding: 'same',
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        groups: 1,
        activation: 'relu',
        use_bias: true,
        ...config,
      },
      ['x'],
    );

  it('config values tfjs does not implement', () => {
    expect(refusal(around(conv({ groups: 2 })))).toMatch(/layer 'c' \(Conv2D\): groups=2 is not supported \(Visor accepts 1/);
    expect(refusal(around(dense('d', 2, ['x'], { lora_rank: 4 })))).toMatch(/layer 'd' \(Dense\): lora_rank=4/);
    expect(refusal(around(layer('GlobalAveragePooling2D', 'g', { data_format: 'channels_last', keepdims: true }, ['x'])))).toMatch(
      /layer 'g' \(GlobalAveragePooling2D\): keepdims=true/,
    );
    expect(refusal(around(layer('UpSampling2D', 'u', { size: [2, 2], data_format: 'channels_last', interpolation: 'bilinear' }, ['x'])))).toMatch(
      /interpolation="bilinear" is not supported \(Visor accepts "nearest"/,
    );
    expect(refusal(around(layer('BatchNormalization', 'bn', { axis: [1, 2] }, ['x'])))).toMatch(/layer 'bn' \(BatchNormalization\): axis \[1,2\]/);
  });

  it('a config key it does not know, unless it is null', () => {
    expect(refusal(around(conv({ shiny_new_option: 3 })))).toMatch(/layer 'c' \(Conv2D\): config key 'shiny_new_option' \(3\) is not one Visor knows/);
    expect(() => translateConfig(around(conv({ shiny_new_option: null })), { file: FILE, kerasMajor: 3 })).not.toThrow();
  });

  it('activations tfjs lacks or defines differently', () => {
    expect(refusal(around(dense('d', 2, ['x'], { activation: 'leaky_relu' })))).toMatch(/layer 'd' \(Dense\): activation 'leaky_relu'/);
    expect(refusal(around(dense('d', 2, ['x'], { activation: { module: 'my', class_name: 'function', config: 'f', registered_name: 'f' } })))).toMatch(
      /custom activation/,
    );
  });

  it('layers that cannot be rebuilt: custom classes, Lambda, Resizing, quantized layers', () => {
    const custom = { ...layer('Block', 'b', {}, ['x']), module: 'my_pkg.layers', registered_name: 'MyPkg>Block' };
    expect(refusal(around(custom))).toMatch(/layer 'b' \(Block\): a custom layer class \(module 'my_pkg\.layers'\)/);
    expect(refusal(around(layer('Lambda', 'l', { function: 'x' }, ['x'])))).toMatch(/layer 'l' \(Lambda\): not supported: a Lambda layer holds Python code/);
    expect(refusal(around(layer('Resizing', 'r', { height: 4, width: 4 }, ['x'])))).toMatch(
      /layer 'r' \(Resizing\): not supported: tfjs resizes with aligned corners/,
    );
    const quantized = dense('q', 2, ['x']);
    (quantized.config as JsonObject).dtype = {
      module: 'keras.dtype_policies',
      class_name: 'QuantizedDTypePolicy',
      config: { mode: 'int8', source_name: 'float32' },
      registered_name: null,
    };
    expect(refusal(around(quantized))).toMatch(/layer 'q' \(Dense\): a quantized layer/);
    const op = { ...layer('Add', 'add', {}, ['x', 'x']), module: 'keras.src.ops.numpy', registered_name: 'Add' };
    expect(refusal(around(op))).toMatch(/layer 'add' \(Add\): a keras\.ops operation \(keras\.src\.ops\.numpy\)/);
    expect(refusal(around(layer('Conv3D', 'c3', {}, ['x'])))).toMatch(
      /layer 'c3' \(Conv3D\): unknown layer class: TensorFlow.js has a layer of that name, but Visor has not checked/,
    );
  });

  it('graphs tfjs would never finish building (a cycle, a missing input), and odd call arguments', () => {
    const a = dense('a', 2, ['b']);
    const b = dense('b', 2, ['a']);
    expect(refusal(functional([input('x', [2]), a, b], 'x', 'b'))).toMatch(/the layer graph cannot be built .*: a, b/);
    expect(refusal(around(dense('d', 2, ['ghost'])))).toMatch(/layer 'd' \(Dense\): its input 'ghost' is not a layer of the model/);
    const training = dense('d', 2, ['x']);
    (training.inbound_nodes as JsonObject[])[0]!.kwargs = { training: true };
    expect(refusal(around(training))).toMatch(/layer 'd' \(Dense\): called with training=true/);
    const masked = dense('d', 2, ['x']);
    (masked.inbound_nodes as JsonObject[])[0]!.kwargs = { mask: null, training: false };
    expect(() => translateConfig(around(masked), { file: FILE, kerasMajor: 3 })).not.toThrow();
  });

  it('models that are not functional or Sequential, and dictionary inputs', () => {
    expect(refusal({ module: 'my_app', class_name: 'MyModel', config: { units: 3 }, registered_name: 'MyApp>MyModel' })).toMatch(
      /the model \(MyModel\): a custom model class/,
    );
    expect(refusal({ class_name: 'Model', config: { name: 'm', trainable: true } })).toMatch(/not a functional or Sequential model/);
    const dictInputs = around(dense('d', 1, ['x']));
    (dictInputs.config as JsonObject).input_layers = { image: ['x', 0, 0] };
    expect(refusal(dictInputs)).toMatch(/input_layers .* is not a list/);
  });
});
