import { isVisorError } from '@visor/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import {
  compareGraphWithTfjs,
  CONV2D_ATTRS,
  convGapGraphModelJson,
  FLOAT_T,
  graphModelJson,
  graphOps as op,
  graphString,
  relDiff,
  seededValues,
  tf,
  useCpu,
  type GraphNode,
  type GraphWeight,
} from '../tfjsReference.testkit.js';

beforeAll(useCpu);

const s = (v: string) => ({ s: graphString(v) });
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
const strs = (...v: string[]) => ({ list: { s: v.map(graphString) } });
const node = (name: string, opName: string, input: string[], attr: Record<string, unknown> = {}): GraphNode => ({
  name,
  op: opName,
  input,
  attr: { T: FLOAT_T, ...attr },
});
const conv = (stride: number, padding: string) => ({ ...CONV2D_ATTRS, strides: ints(1, stride, stride, 1), padding: s(padding) });
let seed = 100;
const w = (name: string, shape: number[], lo = -0.5, hi = 0.5): GraphWeight => ({
  name,
  shape,
  values: seededValues(
    shape.reduce((a, b) => a * b, 1),
    seed++,
    lo,
    hi,
  ),
});
const i32 = (name: string, values: number[], shape = [values.length]): GraphWeight => ({ name, shape, dtype: 'int32', values });

describe('convertGraphModel', () => {
  it('the conv → GAP → dense softmax fixture: equal to TF.js, logits before the softmax, weights per node', async () => {
    const json = convGapGraphModelJson({
      input: { name: 'x', shape: [-1, 5, 4, 2] },
      convKernel: { shape: [3, 3, 2, 4], values: seededValues(72, 1) },
      convBias: [0.1, -0.2, 0.3, 0],
      fcKernel: { shape: [4, 3], values: seededValues(12, 2) },
      fcBias: [0.5, 0, -0.5],
    });
    const { spec, worst, shapeMismatches } = await compareGraphWithTfjs(json);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-5);
    expect(spec.layers.map((l) => [l.name, l.kind])).toEqual([
      ['x', 'input'],
      ['conv/Conv2D', 'conv'],
      ['conv/BiasAdd', 'bias'],
      ['conv/Relu', 'activation'],
      ['gap', 'global-avg-pool'],
      ['fc/MatMul', 'dense'],
      ['fc/BiasAdd', 'bias'],
      ['fc/Softmax', 'softmax'],
      ['Identity', 'identity'],
    ]);
    expect(spec.layers.find((l) => l.name === 'gap')?.inbound).toEqual(['conv/Relu']);
    expect([spec.finalActivation, spec.logits, spec.outputLayer]).toEqual(['softmax', 'fc/BiasAdd', 'Identity']);
    expect(spec.weights('fc/MatMul')[0]!.shape).toEqual([4, 3]);
    expect(Array.from(spec.weights('fc/BiasAdd')[0]!.data)).toEqual([0.5, 0, -0.5]);
    expect(spec.weights('gap')).toEqual([]);
  });

  it('the ops the converter writes for Keras nets: Pad, fused conv / depthwise (BiasAdd + Relu / Relu6), SAME pools, AddV2, ConcatV2, LeakyRelu, FusedBatchNormV3, Mean, Reshape, fused MatMul', async () => {
    const json = graphModelJson(
      [op.placeholder('input_1', [-1, 10, 10, 3])],
      [
        i32('pad/paddings', [0, 0, 1, 2, 1, 2, 0, 0], [4, 2]),
        w('c1/kernel', [3, 3, 3, 6]),
        w('c1/bias', [6]),
        w('dw/kernel', [3, 3, 6, 2]),
        w('dw/bias', [12]),
        w('c2/kernel', [1, 1, 12, 12]),
        w('c2/bias', [12]),
        i32('cat/axis', [3]),
        w('bn/scale', [24], 0.5, 1.5),
        w('bn/offset', [24]),
        w('bn/mean', [24]),
        w('bn/var', [24], 0.5, 1.5),
        i32('gap/axes', [1, 2]),
        i32('flat/shape', [-1, 24]),
        w('fc/kernel', [24, 5]),
        w('fc/bias', [5]),
      ],
      [
        node('pad', 'Pad', ['input_1', 'pad/paddings']),
        node('c1', '_FusedConv2D', ['pad', 'c1/kernel', 'c1/bias'], { ...conv(2, 'VALID'), fused_ops: strs('BiasAdd', 'Relu'), num_args: { i: '1' } }),
        node('dw', 'FusedDepthwiseConv2dNative', ['c1', 'dw/kernel', 'dw/bias'], {
          ...conv(1, 'SAME'),
          fused_ops: strs('BiasAdd', 'Relu6'),
          num_args: { i: '1' },
        }),
        node('mp', 'MaxPool', ['dw'], { ksize: ints(1, 3, 3, 1), strides: ints(1, 2, 2, 1), padding: s('SAME'), data_format: s('NHWC') }),
        node('c2', 'Conv2D', ['mp', 'c2/kernel'], conv(1, 'SAME')),
        op.biasAdd('c2/BiasAdd', 'c2', 'c2/bias'),
        node('ap', 'AvgPool', ['mp'], { ksize: ints(1, 2, 2, 1), strides: ints(1, 1, 1, 1), padding: s('SAME'), data_format: s('NHWC') }),
        node('add', 'AddV2', ['c2/BiasAdd', 'ap']),
        node('cat', 'ConcatV2', ['add', 'mp', 'cat/axis'], { N: { i: '2' } }),
        node('leaky', 'LeakyRelu', ['cat'], { alpha: { f: 0.1 } }),
        node('bn', 'FusedBatchNormV3', ['leaky', 'bn/scale', 'bn/offset', 'bn/mean', 'bn/var'], {
          epsilon: { f: 0.001 },
          data_format: s('NHWC'),
          is_training: { b: false },
        }),
        node('gap', 'Mean', ['bn', 'gap/axes'], { keep_dims: { b: true } }),
        node('flat', 'Reshape', ['gap', 'flat/shape']),
        node('fc', '_FusedMatMul', ['flat', 'fc/kernel', 'fc/bias'], {
          transpose_a: { b: false },
          transpose_b: { b: false },
          fused_ops: strs('BiasAdd'),
          num_args: { i: '1' },
        }),
        op.softmax('probs', 'fc'),
        op.identity('Identity', 'probs'),
      ],
    );
    const { spec, worst, shapeMismatches } = await compareGraphWithTfjs(json);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-5);
    expect(spec.layers.find((l) => l.name === 'c1')).toMatchObject({ kind: 'conv', activation: 'relu', outputShape: [null, 6, 6, 6] });
    expect(spec.layers.find((l) => l.name === 'dw')).toMatchObject({ activation: 'relu6', params: 3 * 3 * 6 * 2 + 12 });
    expect(spec.layers.find((l) => l.name === 'gap')?.kind).toBe('global-avg-pool');
    expect([spec.logits, spec.finalActivation]).toEqual(['fc', 'softmax']);
  });

  it('Squeeze, Sub/Mul/RealDiv/Maximum with constants, Relu6, Sigmoid, Tanh, Max over the spatial axes (global max pool)', async () => {
    const json = graphModelJson(
      [op.placeholder('x', [-1, 4, 6, 3])],
      [w('mean', [3]), w('scale', [1, 1, 3], 0.5, 2), w('floor', []), i32('gmp/axes', [1, 2]), w('c/kernel', [1, 1, 3, 3]), w('fc/kernel', [3, 2])],
      [
        node('sub', 'Sub', ['x', 'mean']),
        node('div', 'RealDiv', ['sub', 'scale']),
        node('mul', 'Mul', ['div', 'scale']),
        node('max', 'Maximum', ['mul', 'floor']),
        node('c', 'Conv2D', ['max', 'c/kernel'], conv(1, 'VALID')),
        node('r6', 'Relu6', ['c']),
        node('sig', 'Sigmoid', ['c']),
        node('tanh', 'Tanh', ['sig']),
        node('both', 'AddV2', ['r6', 'tanh']),
        node('gmp', 'Max', ['both', 'gmp/axes'], { keep_dims: { b: true } }),
        node('sq', 'Squeeze', ['gmp'], { squeeze_dims: ints(1, 2) }),
        op.matMul('fc', 'sq', 'fc/kernel'),
      ],
    );
    const { spec, worst, shapeMismatches } = await compareGraphWithTfjs(json);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-5);
    expect([spec.finalActivation, spec.logits, spec.outputLayer]).toEqual(['linear', 'fc', 'fc']);
    expect(spec.layers.find((l) => l.name === 'gmp')?.kind).toBe('global-max-pool');
  });

  it('EXPLICIT conv padding, MirrorPad, PadV2, Transpose, ExpandDims, AddN, Rsqrt, Sum, a Sub of an NCHW and an NHWC tensor', async () => {
    const json = graphModelJson(
      [op.placeholder('x', [-1, 5, 4, 2])],
      [
        w('k', [2, 2, 2, 3]),
        i32('mirror/p', [0, 0, 1, 1, 2, 0, 0, 0], [4, 2]),
        i32('pad2/p', [0, 0, 0, 1, 1, 0, 0, 0], [4, 2]),
        w('pad2/v', [], 0.25, 0.25),
        i32('perm', [0, 2, 1, 3]),
        i32('sum/axes', [3]),
        i32('expand/axis', [3]),
        w('eps', [], 1, 1),
        i32('out/axes', [1, 2]),
      ],
      [
        node('conv', 'Conv2D', ['x', 'k'], { ...CONV2D_ATTRS, padding: s('EXPLICIT'), explicit_paddings: ints(0, 0, 1, 0, 0, 2, 0, 0) }),
        node('mirror', 'MirrorPad', ['conv', 'mirror/p'], { mode: s('REFLECT') }),
        node('pad2', 'PadV2', ['mirror', 'pad2/p', 'pad2/v']),
        node('tr', 'Transpose', ['pad2', 'perm']),
        node('sum', 'Sum', ['tr', 'sum/axes'], { keep_dims: { b: false } }),
        node('expand', 'ExpandDims', ['sum', 'expand/axis']),
        node('addn', 'AddN', ['tr', 'pad2', 'tr'], { N: { i: '3' } }),
        node('sq', 'Mul', ['addn', 'addn']),
        node('sq1', 'AddV2', ['sq', 'eps']),
        node('rs', 'Rsqrt', ['sq1']),
        node('diff', 'Sub', ['rs', 'expand']),
        node('out', 'Mean', ['diff', 'out/axes'], { keep_dims: { b: false } }),
      ],
    );
    const { worst, shapeMismatches, spec } = await compareGraphWithTfjs(json);
    expect(shapeMismatches).toEqual([]);
    expect(worst.diff, worst.layer).toBeLessThan(1e-5);
    expect(spec.layers.find((l) => l.name === 'tr')?.outputShape).toEqual([null, 8, 8, 3]);
    expect(spec.bindings.get('expand')?.layout).toBe('NHWC');
  });

  it('_FusedConv2D with FusedBatchNorm (TF.js refuses to run it): equal to the unfused Conv2D → FusedBatchNormV3 → Relu in TF.js', async () => {
    const weights = [w('k', [3, 3, 2, 4]), w('scale', [4], 0.5, 1.5), w('offset', [4]), w('mean', [4]), w('var', [4], 0.5, 1.5), i32('axes', [1, 2])];
    const bn = { epsilon: { f: 0.01 }, data_format: s('NHWC') };
    const tail = [node('gap', 'Mean', ['conv', 'axes'], { keep_dims: { b: false } })];
    const fused = graphModelJson([op.placeholder('x', [-1, 6, 6, 2])], weights, [
      node('conv', '_FusedConv2D', ['x', 'k', 'scale', 'offset', 'mean', 'var'], {
        ...conv(1, 'SAME'),
        ...bn,
        fused_ops: strs('FusedBatchNorm', 'Relu'),
        num_args: { i: '4' },
      }),
      ...tail,
    ]);
    const unfused = graphModelJson([op.placeholder('x', [-1, 6, 6, 2])], weights, [
      node('c', 'Conv2D', ['x', 'k'], conv(1, 'SAME')),
      node('bn', 'FusedBatchNormV3', ['c', 'scale', 'offset', 'mean', 'var'], bn),
      node('conv', 'Relu', ['bn']),
      ...tail,
    ]);
    const spec = convertTfjsModel(fused, 'fused.json');
    const x = { data: seededValues(2 * 72, 3), shape: [2, 6, 6, 2] };
    const [conv6, gap] = await runOnnx(spec.proto, { x }, ['conv', 'gap']);
    const ref = await tf.loadGraphModel(tf.io.fromMemory(unfused));
    const [rc, rg] = ref.execute({ x: tf.tensor(x.data, x.shape) }, ['conv', 'gap']) as tf.Tensor[];
    expect(relDiff(Float32Array.from(conv6!.data), (await tf.transpose(rc!, [0, 3, 1, 2]).data()) as Float32Array)).toBeLessThan(1e-5);
    expect(relDiff(gap!.data, rg!.dataSync())).toBeLessThan(1e-5);
    expect(spec.weights('conv').map((v) => v.shape)).toEqual([[3, 3, 2, 4], [4], [4], [4], [4]]);
    ref.dispose();
  });

  it('an op without a mapping is a VisorError naming the node, its op and the file', async () => {
    const json = graphModelJson([op.placeholder('x', [-1, 2, 2, 1])], [], [node('odd', 'Cumsum', ['x']), node('out', 'Reshape', ['odd'])]);
    let err: unknown;
    try {
      convertTfjsModel(json, 'models/g/model.json');
    } catch (e) {
      err = e;
    }
    expect(isVisorError(err) && err.code).toBe('model');
    expect((err as Error).message).toMatch(/^models\/g\/model\.json: node "odd" \(Cumsum\): this op has no ONNX mapping/);
  });
});
