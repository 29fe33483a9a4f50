import { describe, expect, test } from 'vitest';
import { encodeModel, tinyCnn } from '../tinyCnn.testkit.js';
import type { onnx } from 'onnx-proto';
import { tensorFloats } from '../proto/tensorData.js';
import { attr, TinyGraph } from '../tinyGraph.testkit.js';
import { describeOnnxModel } from './describeOnnxModel.js';

describe('describeOnnxModel on a PyTorch-style NCHW CNN', () => {
  test('input, layers (kinds, activations, channels-last shapes, inbound) and head', async () => {
    const spec = await describeOnnxModel(encodeModel(tinyCnn({ head: 'softmax' })), 'tiny.onnx');
    expect(spec.input).toEqual({ name: 'input', layout: 'NCHW', shape: [8, 8, 3] });
    const view = spec.layers.map((l) => [l.name, l.className, l.kind, l.activation ?? '', l.outputShape, l.inbound, l.params ?? 0]);
    expect(view).toEqual([
      ['input', 'Input', 'input', '', [null, 8, 8, 3], [], 0],
      ['/conv1/Conv_output_0', 'Conv', 'conv', '', [null, 8, 8, 4], ['input'], 4 * 3 * 9 + 4],
      ['/relu/Relu_output_0', 'Relu', 'activation', 'relu', [null, 8, 8, 4], ['/conv1/Conv_output_0'], 0],
      ['/maxpool/MaxPool_output_0', 'MaxPool', 'pool', '', [null, 4, 4, 4], ['/relu/Relu_output_0'], 0],
      ['/conv2/Conv_output_0', 'Conv', 'conv', '', [null, 2, 2, 6], ['/maxpool/MaxPool_output_0'], 6 * 4 * 9],
      ['/bn/BatchNormalization_output_0', 'BatchNormalization', 'normalization', '', [null, 2, 2, 6], ['/conv2/Conv_output_0'], 24],
      ['/relu6/Clip_output_0', 'Clip', 'activation', 'relu6', [null, 2, 2, 6], ['/bn/BatchNormalization_output_0'], 0],
      ['/avgpool/GlobalAveragePool_output_0', 'GlobalAveragePool', 'global-avg-pool', '', [null, 1, 1, 6], ['/relu6/Clip_output_0'], 0],
      ['/Flatten_output_0', 'Flatten', 'reshape', '', [null, 6], ['/avgpool/GlobalAveragePool_output_0'], 0],
      ['/fc/Gemm_output_0', 'Gemm', 'dense', '', [null, 5], ['/Flatten_output_0'], 35],
      ['probabilities', 'Softmax', 'softmax', 'softmax', [null, 5], ['/fc/Gemm_output_0'], 0],
    ]);
    expect([spec.logits, spec.output, spec.outputLayer, spec.finalActivation]).toEqual(['/fc/Gemm_output_0', 'probabilities', 'probabilities', 'softmax']);
    expect(spec.bindings.get('/conv1/Conv_output_0')).toEqual({ tensor: '/conv1/Conv_output_0', layout: 'NCHW' });
    expect(spec.bindings.get('/Flatten_output_0')).toEqual({ tensor: '/Flatten_output_0', layout: 'flat' });
  });

  test('dense weights Keras-oriented: Gemm transB = 1 ([out, in]) transposed to [in, out], then the bias', async () => {
    const model = tinyCnn({ head: 'linear' });
    const spec = await describeOnnxModel(encodeModel(model), 'tiny.onnx');
    const [kernel, bias] = spec.weights('logits');
    const fc = tensorFloats(model.graph?.initializer?.find((t) => t.name === 'fc.weight') as onnx.ITensorProto); // [5, 6]
    expect(kernel!.shape).toEqual([6, 5]);
    expect(kernel!.data[1 * 5 + 3]).toBeCloseTo(fc[3 * 6 + 1]!, 6); // kernel[in = 1][out = 3] = W[3][1]
    expect(Array.from(bias!.data)).toEqual(Array.from(Float32Array.from([0.1, -0.1, 0.2, 0, 0.05])));
    expect(spec.finalActivation).toBe('linear');
    expect(spec.logits).toBe('logits');
    expect(spec.weights('/maxpool/MaxPool_output_0')).toEqual([]);
  });
});

describe('layout, sizes and the batch', () => {
  test('an NHWC input feeding a Transpose(0, 3, 1, 2) is NHWC; its tensors after the Transpose are NCHW', async () => {
    const spec = await describeOnnxModel(encodeModel(tinyCnn({ layout: 'NHWC' })), 'tiny.onnx');
    expect(spec.input.layout).toBe('NHWC');
    expect(spec.layers[0]!.outputShape).toEqual([null, 8, 8, 3]);
    expect(spec.bindings.get('/Transpose_output_0')?.layout).toBe('NCHW');
    expect(spec.layers.find((l) => l.name === '/conv1/Conv_output_0')?.outputShape).toEqual([null, 8, 8, 4]);
  });

  test('free spatial sizes are pinned to inputSize; without one, a clear error', async () => {
    const bytes = encodeModel(tinyCnn({ spatial: 'free' }));
    await expect(describeOnnxModel(bytes, 'free.onnx')).rejects.toThrow(/free\.onnx: input 'input' has a free spatial size/);
    await expect(describeOnnxModel(bytes, 'free.onnx')).rejects.toMatchObject({ code: 'model', hint: expect.stringMatching(/inputSize/) });
    const spec = await describeOnnxModel(bytes, 'free.onnx', { inputSize: [16, 12] });
    expect(spec.input.shape).toEqual([16, 12, 3]);
    expect(spec.layers.find((l) => l.name === '/conv2/Conv_output_0')?.outputShape).toEqual([null, 4, 3, 6]);
  });

  test('a fixed batch stays in the shapes', async () => {
    const spec = await describeOnnxModel(encodeModel(tinyCnn({ batch: 1 })), 'tiny.onnx');
    expect(spec.layers[0]!.outputShape).toEqual([1, 8, 8, 3]);
  });

  test('ambiguous channels without a Conv reading the input: the shape decides, or a clear error', async () => {
    const g = new TinyGraph('float32');
    const x = g.input('x', ['N', 5, 5, 5]);
    g.output(g.node('Flatten', [g.node('Relu', [x])]));
    await expect(describeOnnxModel(encodeModel(g.model()), 'odd.onnx')).rejects.toThrow(/cannot tell whether input 'x'.*NCHW or NHWC/);
  });
});

describe('what is not a layer, and odd heads', () => {
  test('shape arithmetic (Shape → Gather → Unsqueeze → Concat → Reshape) makes no layers', async () => {
    const g = new TinyGraph('float32');
    const x = g.input('x', ['N', 2, 4, 4]);
    const conv = g.node('Conv', [x, g.init('w', [3, 2, 1, 1])], [], 'conv');
    const batch = g.node('Gather', [g.node('Shape', [conv], [], 'shape'), g.ints('zero', [0])], [attr.int('axis', 0)], 'gather');
    const target = g.node('Concat', [batch, g.ints('minus1', [-1])], [attr.int('axis', 0)], 'concat');
    g.output(g.node('Reshape', [conv, target], [], 'flat'));
    const spec = await describeOnnxModel(encodeModel(g.model()), 'view.onnx');
    expect(spec.layers.map((l) => l.name)).toEqual(['x', 'conv', 'flat']);
    expect(spec.layers[2]!.inbound).toEqual(['conv']);
    expect(spec.layers[2]!.outputShape).toEqual([null, 48]);
  });

  test('MatMul + Add of constants is a dense layer and its bias; ReduceMean over H, W is a global average pool', async () => {
    const g = new TinyGraph('float32');
    const x = g.input('x', ['N', 3, 4, 4]);
    const conv = g.node('Conv', [x, g.init('w', [6, 3, 1, 1])], [], 'conv');
    const gap = g.node('ReduceMean', [conv], [attr.ints('axes', [2, 3]), attr.int('keepdims', 0)], 'gap');
    const mm = g.node('MatMul', [gap, g.init('k', [6, 2])], [], 'dense');
    g.output(g.node('Add', [mm, g.init('b', [2], [0.5, -0.5])], [], 'bias'));
    const spec = await describeOnnxModel(encodeModel(g.model()), 'mm.onnx');
    expect(spec.layers.map((l) => l.kind)).toEqual(['input', 'conv', 'global-avg-pool', 'dense', 'bias']);
    expect(spec.weights('dense')[0]!.shape).toEqual([6, 2]);
    expect(Array.from(spec.weights('bias')[0]!.data)).toEqual([0.5, -0.5]);
  });
});

describe('bad files', () => {
  test('several image inputs: refused naming them', async () => {
    const g = new TinyGraph('float32');
    const a = g.input('left', ['N', 3, 4, 4]);
    const b = g.input('right', ['N', 3, 4, 4]);
    g.output(g.node('Flatten', [g.node('Add', [a, b])]));
    await expect(describeOnnxModel(encodeModel(g.model()), 'two.onnx')).rejects.toThrow(
      /two\.onnx: has 2 inputs \('left', 'right'\); Visor explains models with one image input/,
    );
  });

  test('initializers listed as inputs too (old exports) are not inputs', async () => {
    const model = tinyCnn();
    const graph = model.graph as NonNullable<typeof model.graph>;
    graph.input = [...(graph.input ?? []), ...(graph.initializer ?? []).map((t) => ({ name: t.name }))];
    const spec = await describeOnnxModel(encodeModel(model), 'old.onnx');
    expect(spec.input.name).toBe('input');
  });

  test('truncated bytes: a VisorError (model) naming the file and saying to re-export', async () => {
    const bytes = encodeModel(tinyCnn());
    const err = await describeOnnxModel(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.onnx').catch((e) => e);
    expect(err).toMatchObject({ name: 'VisorError', code: 'model', file: 'cut.onnx' });
    expect(err.message).toMatch(/cut\.onnx: .*(truncated|corrupt)/);
    expect(err.hint).toMatch(/Re-export/);
  });

  test('bytes that are not an ONNX model at all', async () => {
    await expect(describeOnnxModel(new TextEncoder().encode('{"modelTopology": {}}'), 'model.json')).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(/model\.json: (is not|.*corrupt)/),
    });
  });

  test('an op ONNX Runtime cannot run: a VisorError naming the file and the fix', async () => {
    const g = new TinyGraph('float32');
    const x = g.input('x', ['N', 3, 4, 4]);
    g.output(g.node('Flatten', [g.node('NoSuchOp', [g.node('Conv', [x, g.init('w', [2, 3, 1, 1])])])]));
    const err = await describeOnnxModel(encodeModel(g.model()), 'custom.onnx').catch((e) => e);
    expect(err).toMatchObject({ name: 'VisorError', code: 'model', file: 'custom.onnx' });
    expect(err.message).toMatch(/custom\.onnx: ONNX Runtime .* cannot load .*NoSuchOp/);
    expect(err.hint).toMatch(/Re-export the model/);
  });
});

describe('weights behind an Identity (PyTorch exports shared weights that way)', () => {
  test('a Gemm whose weight is an Identity of an initializer is still a dense layer with its weights', async () => {
    const g = new TinyGraph('float32');
    const x = g.input('x', ['N', 3, 2, 2]);
    const flat = g.node('Flatten', [g.node('Conv', [x, g.init('w', [2, 3, 1, 1])])]);
    const shared = g.node('Identity', [g.init('fc', [4, 8])], [], 'onnx::Gemm_7');
    g.output(g.node('Gemm', [flat, shared], [attr.int('transB', 1)], 'logits'));
    const spec = await describeOnnxModel(encodeModel(g.model()), 'shared.onnx');
    // The Identity of a constant is not a layer.
    expect(spec.layers.map((l) => l.name)).toEqual(['x', 'Conv_0', 'Flatten_1', 'logits']);
    expect(spec.layers.at(-1)?.kind).toBe('dense');
    expect(spec.weights('logits')[0]!.shape).toEqual([8, 4]);
  });
});
