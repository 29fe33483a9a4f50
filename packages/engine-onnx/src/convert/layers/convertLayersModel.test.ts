import { isVisorError } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { artifactsOf, expectSameAsTfjs, randomizeWeights, seededSequential as seq, tf, useCpu } from '../tfjsReference.testkit.js';
import type { TfjsArtifacts } from '../TfjsArtifacts.js';

beforeAll(useCpu);

type T = tf.SymbolicTensor;

function backbone(): tf.LayersModel {
  const inp = tf.input({ shape: [8, 8, 3], name: 'in_inner' });
  const c = tf.layers.conv2d({ filters: 4, kernelSize: 3, name: 'conv' }).apply(inp) as T;
  const r = tf.layers.reLU({ name: 'relu' }).apply(tf.layers.batchNormalization({ name: 'bn' }).apply(c)) as T;
  return tf.model({ inputs: inp, outputs: r, name: 'backbone' });
}

/** The error thrown by `fn`. */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** The artifacts with the topology edited by `edit`. */
function edited(
  art: TfjsArtifacts,
  edit: (topology: { config: { layers: { class_name: string; name?: string; config: Record<string, unknown> }[] } }) => void,
): TfjsArtifacts {
  const topo = JSON.parse(JSON.stringify(art.modelTopology));
  edit(topo);
  return { ...art, modelTopology: topo };
}

describe('convertLayersModel: nested models', () => {
  it('Sequential([backbone, GAP, Dense softmax]): layers named backbone/…, each equal to TF.js', async () => {
    const m = tf.sequential({
      layers: [backbone(), tf.layers.globalAveragePooling2d({ name: 'gap' }), tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' })],
    });
    randomizeWeights(m, 1);
    const { spec, diffs } = await expectSameAsTfjs(m);
    expect(spec.layers.map((l) => l.name)).toEqual(['backbone/in_inner', 'backbone/conv', 'backbone/bn', 'backbone/relu', 'backbone', 'gap', 'predictions']);
    expect([...diffs.keys()]).toContain('backbone/conv');
    expect(spec.input).toEqual({ name: 'backbone/in_inner', layout: 'NHWC', shape: [8, 8, 3] });
    expect(spec.layers.find((l) => l.name === 'backbone')).toMatchObject({
      kind: 'model',
      className: 'Model',
      inbound: ['backbone/relu'],
      outputShape: [null, 6, 6, 4],
    });
    expect(spec.layers.find((l) => l.name === 'gap')?.inbound).toEqual(['backbone']);
    expect(spec.bindings.get('backbone/conv')).toEqual({ tensor: 'backbone/conv', layout: 'NCHW' });
    expect(spec.finalActivation).toBe('softmax');
    expect(spec.weights('backbone/conv')[0]!.shape).toEqual([3, 3, 3, 4]);
  });

  it('a functional model called inside a functional model: its InputLayer passes the outer tensor on', async () => {
    const input = tf.input({ shape: [10, 10, 2], name: 'image' });
    const stem = tf.layers.conv2d({ filters: 3, kernelSize: 3, name: 'stem' }).apply(input) as T;
    const body = backbone().apply(stem) as T;
    const out = tf.layers.dense({ units: 2, name: 'head' }).apply(tf.layers.flatten({ name: 'flat' }).apply(body) as T) as T;
    const m = tf.model({ inputs: input, outputs: out });
    randomizeWeights(m, 2);
    const { spec } = await expectSameAsTfjs(m);
    expect(spec.layers.find((l) => l.name === 'backbone/in_inner')).toMatchObject({ kind: 'identity', inbound: ['stem'] });
    expect(spec.layers.find((l) => l.name === 'flat')?.inbound).toEqual(['backbone']);
    expect(spec.input.name).toBe('image');
    expect(spec.layers[0]).toMatchObject({ name: 'image', kind: 'input', outputShape: [null, 10, 10, 2] });
  });
});

describe('convertLayersModel: errors name the file, the layer and its class', () => {
  it('an unknown layer class (a custom layer)', async () => {
    const art = await artifactsOf(seq([tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 1, name: 'c' }), tf.layers.flatten({ name: 'f' })]));
    const e = errorOf(() =>
      convertTfjsModel(
        edited(art, (t) => (t.config.layers[1]!.class_name = 'MyCustomLayer')),
        'models/custom/model.json',
      ),
    );
    expect(isVisorError(e) && e.code).toBe('model');
    expect(e.message).toMatch(/^models\/custom\/model\.json: layer "f" \(MyCustomLayer\): this layer class has no ONNX mapping/);
  });

  it('an unsupported config: channels_first, causal padding; a weight missing from the manifest', async () => {
    const art = await artifactsOf(seq([tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 1, name: 'c' }), tf.layers.flatten({ name: 'f' })]));
    const cf = errorOf(() =>
      convertTfjsModel(
        edited(art, (t) => (t.config.layers[0]!.config.data_format = 'channels_first')),
        'm.json',
      ),
    );
    expect(cf.message).toBe('m.json: layer "c" (Conv2D): data_format "channels_first" is not supported (only channels_last)');
    const causal = errorOf(() =>
      convertTfjsModel(
        edited(art, (t) => (t.config.layers[0]!.config.padding = 'causal')),
        'm.json',
      ),
    );
    expect(causal.message).toMatch(/layer "c" \(Conv2D\): config "padding" is "causal"; expected "same" or "valid"/);
    const missing = errorOf(() =>
      convertTfjsModel({ ...art, weightSpecs: art.weightSpecs!.map((w) => ({ ...w, name: w.name.replace('c/bias', 'c/bias_x') })) }, 'm.json'),
    );
    expect(missing.message).toMatch(/layer "c" \(Conv2D\): its weight "bias" is not in the weights .*closest stored name: "c\/bias_x"/);
  });

  it('several inputs, a shared layer, a non-image input, an unknown layer in weights()', async () => {
    const a = tf.input({ shape: [4, 4, 1], name: 'a' });
    const b = tf.input({ shape: [4, 4, 1], name: 'b' });
    const two = tf.model({ inputs: [a, b], outputs: tf.layers.flatten().apply(tf.layers.add().apply([a, b])) as T });
    expect(
      errorOf(() => convertTfjsModel({ modelTopology: two.toJSON(null, false) as object, weightSpecs: [], format: 'layers-model' }, 'two.json')).message,
    ).toMatch(/two\.json: the model has 2 inputs \(a, b\)/);
    const x = tf.input({ shape: [4, 4, 1], name: 'x' });
    const shared = tf.layers.conv2d({ filters: 1, kernelSize: 1, name: 'shared' });
    const s = tf.model({ inputs: x, outputs: tf.layers.flatten().apply(shared.apply(shared.apply(x))) as T });
    const sharedArt = await artifactsOf(s);
    expect(errorOf(() => convertTfjsModel(sharedArt, 'shared.json')).message).toMatch(/layer "shared" \(Conv2D\) is applied 2 times \(a shared layer\)/);
    const flat = seq([tf.layers.dense({ inputShape: [5], units: 2, name: 'd' })]);
    expect(errorOf(() => convertTfjsModel({ modelTopology: flat.toJSON(null, false) as object, weightSpecs: [] }, 'flat.json')).message).toMatch(
      /input "d_input" has shape \[null, 5\]; Visor explains image classifiers/,
    );
    const ok = convertTfjsModel(await artifactsOf(seq([tf.layers.flatten({ inputShape: [2, 2, 1], name: 'f' })])), 'ok.json');
    expect(() => ok.weights('g')).toThrow(/no layer named "g"; did you mean "f"/);
  });
});
