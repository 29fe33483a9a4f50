import { tf } from '@visor/core';
import { CONV_BIAS, CONV_KERNEL } from './tinyCnn.testkit.js';

/**
 * The tiny CNN of the hand-worked tests as a TF.js GraphModel, written the way the converter writes
 * it, so the rewrite is checked on graph ops:
 *   x [-1,4,4,1] → conv (3×3 diag(1,2,3), bias 0.5) with the ReLU as
 *     'fused-relu'  : _FusedConv2D fused_ops [BiasAdd, Relu]
 *     'fused-relu6' : _FusedConv2D fused_ops [BiasAdd, Relu6]
 *     'op-relu'     : Conv2D → BiasAdd → Relu
 *     'op-clip6'    : Conv2D → BiasAdd → ClipByValue(0, 6)
 *   → Reshape [-1, 4] → MatMul (head [4, 2]) → BiasAdd → Identity (linear output).
 */
export type GraphRelu = 'fused-relu' | 'fused-relu6' | 'op-relu' | 'op-clip6';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const T = { type: 'DT_FLOAT' };
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const konst = (name: string, shape: number[], dtype = 'DT_FLOAT') => ({
  name,
  op: 'Const',
  attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: dims(shape) } } },
});
const convAttrs = {
  T,
  strides: { list: { i: ['1', '1', '1', '1'] } },
  dilations: { list: { i: ['1', '1', '1', '1'] } },
  padding: { s: b64('VALID') },
  data_format: { s: b64('NHWC') },
  use_cudnn_on_gpu: { b: true },
  explicit_paddings: { list: {} },
};

export async function tinyGraph(relu: GraphRelu, dense0: number[], dense1 = [1, 1, 1, 1], bias = [0.1, -0.2]): Promise<tf.GraphModel> {
  const convNodes =
    relu === 'fused-relu' || relu === 'fused-relu6'
      ? [
          {
            name: 'conv/act',
            op: '_FusedConv2D',
            input: ['x', 'conv/kernel', 'conv/bias'],
            attr: {
              ...convAttrs,
              num_args: { i: '1' },
              fused_ops: { list: { s: [b64('BiasAdd'), b64(relu === 'fused-relu' ? 'Relu' : 'Relu6')] } },
              epsilon: { f: 0 },
            },
          },
        ]
      : [
          { name: 'conv/Conv2D', op: 'Conv2D', input: ['x', 'conv/kernel'], attr: convAttrs },
          { name: 'conv/BiasAdd', op: 'BiasAdd', input: ['conv/Conv2D', 'conv/bias'], attr: { T, data_format: { s: b64('NHWC') } } },
          relu === 'op-relu'
            ? { name: 'conv/act', op: 'Relu', input: ['conv/BiasAdd'], attr: { T } }
            : { name: 'conv/act', op: 'ClipByValue', input: ['conv/BiasAdd', 'clip/min', 'clip/max'], attr: { T } },
        ];
  const topology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: T, shape: { shape: dims([-1, 4, 4, 1]) } } },
      konst('conv/kernel', [3, 3, 1, 1]),
      konst('conv/bias', [1]),
      ...(relu === 'op-clip6' ? [konst('clip/min', []), konst('clip/max', [])] : []),
      konst('flat/shape', [2], 'DT_INT32'),
      konst('fc/kernel', [4, 2]),
      konst('fc/bias', [2]),
      ...convNodes,
      { name: 'flat', op: 'Reshape', input: ['conv/act', 'flat/shape'], attr: { T, Tshape: { type: 'DT_INT32' } } },
      { name: 'fc/MatMul', op: 'MatMul', input: ['flat', 'fc/kernel'], attr: { T, transpose_a: { b: false }, transpose_b: { b: false } } },
      { name: 'fc/BiasAdd', op: 'BiasAdd', input: ['fc/MatMul', 'fc/bias'], attr: { T, data_format: { s: b64('NHWC') } } },
      { name: 'Identity', op: 'Identity', input: ['fc/BiasAdd'], attr: { T } },
    ],
    library: {},
    versions: { producer: 1205 },
  };
  const clip = relu === 'op-clip6';
  const specs = [
    { name: 'conv/kernel', shape: [3, 3, 1, 1], dtype: 'float32' as const },
    { name: 'conv/bias', shape: [1], dtype: 'float32' as const },
    ...(clip
      ? [
          { name: 'clip/min', shape: [], dtype: 'float32' as const },
          { name: 'clip/max', shape: [], dtype: 'float32' as const },
        ]
      : []),
    { name: 'flat/shape', shape: [2], dtype: 'int32' as const },
    { name: 'fc/kernel', shape: [4, 2], dtype: 'float32' as const },
    { name: 'fc/bias', shape: [2], dtype: 'float32' as const },
  ];
  const parts = [
    new Float32Array(CONV_KERNEL.flat()),
    new Float32Array([CONV_BIAS]),
    ...(clip ? [new Float32Array([0]), new Float32Array([6])] : []),
    new Int32Array([-1, 4]),
    new Float32Array(dense0.flatMap((w, i) => [w, dense1[i]])),
    new Float32Array(bias),
  ].map((a) => new Uint8Array(a.buffer));
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return tf.loadGraphModel(
    tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: data.buffer, format: 'graph-model' }),
  );
}
