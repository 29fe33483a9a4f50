import type { onnx } from 'onnx-proto';
import { proto } from './proto/onnxProto.js';
import { attr, TinyGraph } from './tinyGraph.testkit.js';

export interface TinyCnnOptions {
  /** Input layout: NCHW (as PyTorch exports) or NHWC feeding a Transpose(0, 3, 1, 2) (as tf2onnx does). */
  layout?: 'NCHW' | 'NHWC';
  /** The head's activation. */
  head?: 'softmax' | 'sigmoid' | 'linear';
  /** Batch axis: free ('N') or fixed. */
  batch?: number | 'N';
  /** Spatial size in the file: fixed 8, or free symbols. */
  spatial?: 'fixed' | 'free';
}

/**
 * A small CNN in float32 with every op of a torchvision ResNet stem and head, named like a PyTorch
 * export: Conv 3→4 (3×3, pad 1) → Relu → MaxPool 3×3/2 pad 1 → Conv 4→6 (3×3/2, pad 1) → BatchNorm
 * → Clip(0, 6) → GlobalAveragePool → Flatten → Gemm (transB = 1) → head. Input 8×8×3, 5 classes.
 */
export function tinyCnn(options: TinyCnnOptions = {}): onnx.IModelProto {
  const layout = options.layout ?? 'NCHW';
  const batch = options.batch ?? 'N';
  const g = new TinyGraph('float32', 14);
  const [h, w] = options.spatial === 'free' ? ['height', 'width'] : [8, 8];
  const x = g.input('input', layout === 'NCHW' ? [batch, 3, h, w] : [batch, h, w, 3]);
  const nchw = layout === 'NCHW' ? x : g.node('Transpose', [x], [attr.ints('perm', [0, 3, 1, 2])], '/Transpose_output_0');
  const c1 = g.node(
    'Conv',
    [nchw, g.init('conv1.weight', [4, 3, 3, 3]), g.init('conv1.bias', [4])],
    [attr.ints('kernel_shape', [3, 3]), attr.ints('pads', [1, 1, 1, 1])],
    '/conv1/Conv_output_0',
  );
  const r1 = g.node('Relu', [c1], [], '/relu/Relu_output_0');
  const p1 = g.node(
    'MaxPool',
    [r1],
    [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])],
    '/maxpool/MaxPool_output_0',
  );
  const c2 = g.node(
    'Conv',
    [p1, g.init('conv2.weight', [6, 4, 3, 3])],
    [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])],
    '/conv2/Conv_output_0',
  );
  const bn = g.node(
    'BatchNormalization',
    [
      c2,
      g.init('bn.weight', [6], [1.2, 0.8, 1.5, 0.9, 1.1, 0.7]),
      g.init('bn.bias', [6], [0.1, -0.2, 0.3, 0, 0.2, -0.1]),
      g.init('bn.mean', [6], [0.05, -0.1, 0.2, 0, 0.1, -0.05]),
      g.init('bn.var', [6], [0.9, 1.2, 0.8, 1.1, 1.3, 0.7]),
    ],
    [],
    '/bn/BatchNormalization_output_0',
  );
  const r2 = g.node('Clip', [bn, g.init('zero', [], [0]), g.init('six', [], [6])], [], '/relu6/Clip_output_0');
  const gap = g.node('GlobalAveragePool', [r2], [], '/avgpool/GlobalAveragePool_output_0');
  const flat = g.node('Flatten', [gap], [], '/Flatten_output_0');
  const logits = g.node(
    'Gemm',
    [flat, g.init('fc.weight', [5, 6]), g.init('fc.bias', [5], [0.1, -0.1, 0.2, 0, 0.05])],
    [attr.int('transB', 1)],
    options.head === 'linear' || !options.head ? 'logits' : '/fc/Gemm_output_0',
  );
  const head = options.head ?? 'linear';
  if (head === 'linear') g.output(logits);
  else g.output(g.node(head === 'softmax' ? 'Softmax' : 'Sigmoid', [logits], head === 'softmax' ? [attr.int('axis', 1)] : [], 'probabilities'));
  return g.model();
}

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return proto.ModelProto.encode(model).finish();
}
