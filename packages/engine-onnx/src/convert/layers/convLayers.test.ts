import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, compareWithTfjs, randomizeWeights, relDiff, seededValues, tf, toChannelsLast, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

/** A seeded Sequential model of the given layers (the first one carries the input shape). */
function seq(layers: tf.layers.Layer[], seed = 3): tf.Sequential {
  const m = tf.sequential({ layers });
  randomizeWeights(m, seed);
  return m;
}

describe('Conv2D', () => {
  it('same with stride 2 on even sizes (TF pads the odd pixel after), valid, dilation, no bias, fused relu', async () => {
    const m = seq([
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' }),
      tf.layers.conv2d({ filters: 5, kernelSize: [3, 2], padding: 'valid', name: 'c2' }),
      tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', dilationRate: 2, useBias: false, name: 'c3' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }),
    ]);
    const { worst, shapeMismatches, spec } = await compareWithTfjs(m);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff).toBeLessThan(1e-5);
    expect(spec.layers.find((l) => l.name === 'c1')).toMatchObject({
      kind: 'conv',
      className: 'Conv2D',
      activation: 'relu',
      outputShape: [null, 4, 4, 4],
      params: 3 * 3 * 3 * 4 + 4,
    });
    // The fused relu writes the layer's tensor; the conv itself writes the pre-activation.
    expect(spec.bindings.get('c1')).toEqual({ tensor: 'c1', layout: 'NCHW' });
  });

  it('same with stride 2 on odd sizes, 7×7 stride 2 and a 1×1 stride-2 projection (ResNet stem and shortcut)', async () => {
    const input = tf.input({ shape: [15, 13, 3], name: 'img' });
    const a = tf.layers.conv2d({ filters: 4, kernelSize: 7, strides: 2, padding: 'same', name: 'stem' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.conv2d({ filters: 4, kernelSize: 1, strides: 2, name: 'proj' }).apply(a) as tf.SymbolicTensor;
    const c = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: [2, 1], padding: 'same', name: 'rect' }).apply(a) as tf.SymbolicTensor;
    const gap = tf.layers
      .globalAveragePooling2d({ name: 'gap' })
      .apply(
        tf.layers
          .concatenate({ name: 'cat', axis: 2 })
          .apply([b, tf.layers.maxPooling2d({ poolSize: [1, 2], name: 'mp' }).apply(c) as tf.SymbolicTensor]) as tf.SymbolicTensor,
      ) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'out' }).apply(gap) as tf.SymbolicTensor });
    randomizeWeights(m, 5);
    const { worst, shapeMismatches } = await compareWithTfjs(m);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff).toBeLessThan(1e-5);
  });

  it('returns the Keras kernel [kh, kw, in, out] and bias from weights()', async () => {
    const m = seq([tf.layers.conv2d({ inputShape: [5, 5, 2], filters: 3, kernelSize: [3, 2], name: 'c' }), tf.layers.flatten({ name: 'f' })]);
    const spec = convertTfjsModel(await artifactsOf(m), 'conv');
    const [k, b] = spec.weights('c');
    const [tk, tb] = m.getLayer('c').getWeights();
    expect(k!.shape).toEqual([3, 2, 2, 3]);
    expect(Array.from(k!.data)).toEqual(Array.from(tk!.dataSync()));
    expect(Array.from(b!.data)).toEqual(Array.from(tb!.dataSync()));
    expect(spec.weights('f')).toEqual([]);
  });

  it('groups: a grouped conv equals separate convs of the channel groups (TF.js has no groups; reference from tf.conv2d per group)', async () => {
    // A 2-group conv of 4 → 6 channels: the artifacts of a Conv2D on 2 input channels, edited to Keras's grouped form.
    const m = seq([tf.layers.conv2d({ inputShape: [6, 6, 4], filters: 6, kernelSize: 3, padding: 'same', name: 'g', useBias: true }), tf.layers.flatten()]);
    const art = await artifactsOf(m);
    const kernel = seededValues(3 * 3 * 2 * 6, 11);
    const bias = seededValues(6, 12);
    const topo = JSON.parse(JSON.stringify(art.modelTopology));
    topo.config.layers[0].config.groups = 2;
    const data = new Float32Array([...kernel, ...bias]);
    const spec = convertTfjsModel(
      {
        ...art,
        modelTopology: topo,
        weightSpecs: [
          { name: 'g/kernel', shape: [3, 3, 2, 6], dtype: 'float32' },
          { name: 'g/bias', shape: [6], dtype: 'float32' },
        ],
        weightData: data.buffer,
      },
      'grouped',
    );
    const x = { data: seededValues(2 * 6 * 6 * 4, 13), shape: [2, 6, 6, 4] };
    const [got] = await runOnnx(spec.proto, { [spec.input.name]: x }, ['g']);
    const ref = tf.tidy(() => {
      const xt = tf.tensor4d(x.data, [2, 6, 6, 4]);
      const k = tf.tensor4d(kernel, [3, 3, 2, 6]);
      const parts = [0, 1].map((g) => tf.conv2d(xt.slice([0, 0, 0, 2 * g], [2, 6, 6, 2]), k.slice([0, 0, 0, 3 * g], [3, 3, 2, 3]), 1, 'same'));
      return tf.concat(parts, 3).add(tf.tensor1d(bias)).dataSync() as Float32Array;
    });
    expect(relDiff(toChannelsLast(got!, 'NCHW').data, ref)).toBeLessThan(1e-5);
  });
});

describe('DepthwiseConv2D and SeparableConv2D', () => {
  it('depthwise with depth_multiplier 2, same stride 2, bias and relu6; valid stride 1 with dilation (which TF.js ignores)', async () => {
    const m = seq([
      tf.layers.depthwiseConv2d({ inputShape: [9, 8, 3], kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu6', name: 'dw1' }),
      tf.layers.depthwiseConv2d({ kernelSize: 2, padding: 'valid', dilationRate: 2, useBias: false, name: 'dw2' }),
      tf.layers.globalMaxPooling2d({ name: 'gmp' }),
    ]);
    const { worst, shapeMismatches, spec } = await compareWithTfjs(m);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff).toBeLessThan(1e-5);
    // The Keras depthwise kernel comes back as [kh, kw, in, multiplier].
    const [k] = spec.weights('dw1');
    expect(k!.shape).toEqual([3, 3, 3, 2]);
    expect(Array.from(k!.data)).toEqual(Array.from(m.getLayer('dw1').getWeights()[0]!.dataSync()));
  });

  it('honours a depthwise dilation in a Keras-written model (reference: tf.depthwiseConv2d with dilations)', async () => {
    const m = seq([
      tf.layers.depthwiseConv2d({ inputShape: [7, 6, 2], kernelSize: 2, depthMultiplier: 2, dilationRate: 2, useBias: false, name: 'dw' }),
      tf.layers.flatten(),
    ]);
    const art = await artifactsOf(m);
    const spec = convertTfjsModel({ ...art, modelTopology: { ...(art.modelTopology as object), keras_version: '2.13.1' } }, 'keras-dw');
    const x = { data: seededValues(7 * 6 * 2, 21), shape: [1, 7, 6, 2] };
    const [got] = await runOnnx(spec.proto, { [spec.input.name]: x }, ['dw']);
    const ref = tf.tidy(() => tf.depthwiseConv2d(tf.tensor4d(x.data, [1, 7, 6, 2]), m.getLayer('dw').getWeights()[0] as tf.Tensor4D, 1, 'valid', 'NHWC', 2));
    expect(got!.shape).toEqual([1, 4, 5, 4]);
    expect(relDiff(toChannelsLast(got!, 'NCHW').data, ref.dataSync())).toBeLessThan(1e-5);
    ref.dispose();
  });

  it('separable with depth_multiplier 2 (which TF.js does not save: read from the kernel), same stride 2, fused relu', async () => {
    const m = seq([
      tf.layers.separableConv2d({
        inputShape: [8, 8, 3],
        filters: 5,
        kernelSize: 3,
        depthMultiplier: 2,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        name: 'sep',
      }),
      tf.layers.separableConv2d({ filters: 4, kernelSize: 3, useBias: false, name: 'sep2' }),
      tf.layers.flatten({ name: 'f' }),
    ]);
    const { worst, shapeMismatches, spec } = await compareWithTfjs(m);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff).toBeLessThan(1e-5);
    expect(spec.weights('sep').map((w) => w.shape)).toEqual([[3, 3, 3, 2], [1, 1, 6, 5], [5]]);
  });
});
