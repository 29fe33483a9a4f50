/**
 * A hand-written TF.js graph-model (`model.json` content and weights) for tests: the same network as
 * the tiny Sequential test model, as TensorFlow ops.
 *
 *   x [-1,2,2,1] → Conv2D(conv/kernel [1,1,1,2]) → BiasAdd(conv/bias) → Relu (conv/Relu)
 *   → Mean over [1,2] (gap) → MatMul(fc/kernel [2,2]) → BiasAdd(fc/bias) (fc/BiasAdd) → Softmax (Identity)
 *
 * conv kernel [1, -1], bias [0, 0.5]; fc kernel [[1, 0.5], [2, -1]], bias [0.25, 0].
 */
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const T = { type: 'DT_FLOAT' };
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const konst = (name: string, shape: number[], dtype = 'DT_FLOAT') => ({
  name,
  op: 'Const',
  attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: dims(shape) } } },
});

export const tinyGraphTopology = {
  node: [
    { name: 'x', op: 'Placeholder', attr: { dtype: T, shape: { shape: dims([-1, 2, 2, 1]) } } },
    konst('conv/kernel', [1, 1, 1, 2]),
    konst('conv/bias', [2]),
    konst('gap/axes', [2], 'DT_INT32'),
    konst('fc/kernel', [2, 2]),
    konst('fc/bias', [2]),
    {
      name: 'conv/Conv2D',
      op: 'Conv2D',
      input: ['x', 'conv/kernel'],
      attr: {
        T,
        strides: { list: { i: ['1', '1', '1', '1'] } },
        dilations: { list: { i: ['1', '1', '1', '1'] } },
        padding: { s: b64('VALID') },
        data_format: { s: b64('NHWC') },
        use_cudnn_on_gpu: { b: true },
        explicit_paddings: { list: {} },
      },
    },
    { name: 'conv/BiasAdd', op: 'BiasAdd', input: ['conv/Conv2D', 'conv/bias'], attr: { T, data_format: { s: b64('NHWC') } } },
    { name: 'conv/Relu', op: 'Relu', input: ['conv/BiasAdd'], attr: { T } },
    { name: 'gap', op: 'Mean', input: ['conv/Relu', 'gap/axes'], attr: { T, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } } },
    { name: 'fc/MatMul', op: 'MatMul', input: ['gap', 'fc/kernel'], attr: { T, transpose_a: { b: false }, transpose_b: { b: false } } },
    { name: 'fc/BiasAdd', op: 'BiasAdd', input: ['fc/MatMul', 'fc/bias'], attr: { T, data_format: { s: b64('NHWC') } } },
    { name: 'fc/Softmax', op: 'Softmax', input: ['fc/BiasAdd'], attr: { T } },
    { name: 'Identity', op: 'Identity', input: ['fc/Softmax'], attr: { T } },
  ],
  library: {},
  versions: { producer: 1205 },
};

export const tinyGraphWeightSpecs = [
  { name: 'conv/kernel', shape: [1, 1, 1, 2], dtype: 'float32' as const },
  { name: 'conv/bias', shape: [2], dtype: 'float32' as const },
  { name: 'gap/axes', shape: [2], dtype: 'int32' as const },
  { name: 'fc/kernel', shape: [2, 2], dtype: 'float32' as const },
  { name: 'fc/bias', shape: [2], dtype: 'float32' as const },
];

/** The weights in the order of `tinyGraphWeightSpecs`, as one little-endian buffer. */
export function tinyGraphWeightData(): ArrayBuffer {
  const f = (v: number[]) => new Uint8Array(new Float32Array(v).buffer);
  const i = (v: number[]) => new Uint8Array(new Int32Array(v).buffer);
  const parts = [f([1, -1]), f([0, 0.5]), i([1, 2]), f([1, 0.5, 2, -1]), f([0.25, 0])];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.buffer;
}
