import type { onnx } from 'onnx-proto';
import { attr, TinyGraph } from '../tinyGraph.testkit.js';

/** The input's height and width. */
export const SIZE = 64;

/**
 * A float32 CNN with every local construct the incremental path handles, 64×64×3 → 10 classes:
 * stem Conv 3×3 + BatchNormalization + Relu, MaxPool 3×3/2 (pad 1) → 32×32; a residual block (two
 * 3×3 convs, identity Add, Relu); a strided residual block (3×3/2 conv and a 1×1/2 shortcut conv) →
 * 16×16; a Keras-style Pad(1) + Conv 3×3 valid + Relu; two 1×1 branches concatenated, Relu; then
 * GlobalAveragePool → Flatten → Gemm → Softmax. NHWC input (a Transpose feeds the convs, as tf2onnx
 * and Visor's converter write it) or NCHW (as PyTorch exports).
 */
export function localCnn(layout: 'NCHW' | 'NHWC' = 'NCHW', size = SIZE): onnx.IModelProto {
  const g = new TinyGraph('float32', 14);
  const x = g.input('input', layout === 'NCHW' ? ['N', 3, size, size] : ['N', size, size, 3]);
  const nchw = layout === 'NCHW' ? x : g.node('Transpose', [x], [attr.ints('perm', [0, 3, 1, 2])], 'to_nchw');
  let seed = 1;
  const w = (name: string, dims: number[]) => {
    const fanIn = dims.slice(1).reduce((a, b) => a * b, 1);
    const size = dims.reduce((a, b) => a * b, 1);
    const scale = Math.sqrt(3 / fanIn);
    return g.init(
      name,
      dims,
      Array.from({ length: size }, (_, i) => Math.sin(1.7 * i + seed++) * scale),
    );
  };
  const conv = (name: string, input: string, cin: number, cout: number, k: number, stride = 1, pad = (k - 1) / 2) =>
    g.node(
      'Conv',
      [input, w(`${name}.weight`, [cout, cin, k, k]), w(`${name}.bias`, [cout])],
      [attr.ints('kernel_shape', [k, k]), attr.ints('strides', [stride, stride]), attr.ints('pads', [pad, pad, pad, pad])],
      name,
    );
  const relu = (name: string, input: string) => g.node('Relu', [input], [], name);

  const stem = conv('stem', nchw, 3, 16, 3);
  const bn = g.node(
    'BatchNormalization',
    [
      stem,
      g.init(
        'bn.s',
        [16],
        new Array(16).fill(0).map((_, i) => 0.8 + 0.03 * i),
      ),
      g.init(
        'bn.b',
        [16],
        new Array(16).fill(0).map((_, i) => 0.02 * (i - 8)),
      ),
      g.init('bn.m', [16], new Array(16).fill(0.01)),
      g.init('bn.v', [16], new Array(16).fill(1.1)),
    ],
    [],
    'stem_bn',
  );
  const pool = g.node(
    'MaxPool',
    [relu('stem_relu', bn)],
    [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])],
    'pool',
  );
  // Residual block, identity shortcut.
  const a1 = relu('a_relu1', conv('a_conv1', pool, 16, 16, 3));
  const a = relu('a_out', g.node('Add', [conv('a_conv2', a1, 16, 16, 3), pool], [], 'a_add'));
  // Strided residual block.
  const b1 = relu('b_relu1', conv('b_conv1', a, 16, 32, 3, 2));
  const b = relu('b_out', g.node('Add', [conv('b_conv2', b1, 32, 32, 3), conv('b_short', a, 16, 32, 1, 2, 0)], [], 'b_add'));
  // Keras-style explicit padding, then a valid conv.
  const padded = g.node('Pad', [b, g.ints('c_pads', [0, 0, 1, 1, 0, 0, 1, 1])], [], 'c_pad');
  const c = relu('c_out', conv('c_conv', padded, 32, 32, 3, 1, 0));
  // Two branches concatenated on the channels.
  const d = relu('d_out', g.node('Concat', [conv('d_left', c, 32, 16, 1), conv('d_right', c, 32, 16, 1)], [attr.int('axis', 1)], 'd_concat'));
  const flat = g.node('Flatten', [g.node('GlobalAveragePool', [d], [], 'gap')], [], 'flat');
  const logits = g.node('Gemm', [flat, w('fc.weight', [10, 32]), w('fc.bias', [10])], [attr.int('transB', 1)], 'logits');
  g.output(g.node('Softmax', [logits], [attr.int('axis', 1)], 'probabilities'));
  return g.model();
}

/** Copies of a SIZE×SIZE×3 channels-last image, each with one square window [top, left, side] set to `fill` (occlusion). */
export function occludedCopies(image: Float32Array, windows: [number, number, number][], fill: number): Float32Array {
  const out = new Float32Array(windows.length * image.length);
  windows.forEach(([top, left, side], i) => {
    out.set(image, i * image.length);
    for (let y = top; y < Math.min(SIZE, top + side); y++) {
      for (let x = left; x < Math.min(SIZE, left + side); x++) for (let c = 0; c < 3; c++) out[i * image.length + (y * SIZE + x) * 3 + c] = fill;
    }
  });
  return out;
}
