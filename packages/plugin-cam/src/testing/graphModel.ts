// Test fixture (excluded from the build): the gapModel of tinyModels.ts written as a TF.js graph model.
import { tf, wrapGraphModel } from '@visor/core';
import type { VisorModel } from '@visor/core';

const b64 = (s: string): string => btoa(s);
const T = { type: 'DT_FLOAT' };
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const konst = (name: string, shape: number[], dtype = 'DT_FLOAT') => ({
  name,
  op: 'Const',
  attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: dims(shape) } } },
});

/**
 * image [-1, 4, 4, 1] → Conv2D 3×3 VALID (conv/kernel) → BiasAdd → Relu "conv/Relu" → Mean over [1, 2] "gap"
 * → MatMul "fc/MatMul" (fc/kernel [2, 3]) → BiasAdd "fc/BiasAdd" → Softmax → Identity.
 * Same numbers as gapModel(): filter 0 all ones (bias −50), filter 1 −1 at the centre (bias 8);
 * kernel columns [1, 0], [0, 1], [0.5, −2]; bias [0.1, 0.2, 0.3].
 */
const topology = {
  node: [
    { name: 'image', op: 'Placeholder', attr: { dtype: T, shape: { shape: dims([-1, 4, 4, 1]) } } },
    konst('conv/kernel', [3, 3, 1, 2]),
    konst('conv/bias', [2]),
    konst('gap/axes', [2], 'DT_INT32'),
    konst('fc/kernel', [2, 3]),
    konst('fc/bias', [3]),
    {
      name: 'conv/Conv2D',
      op: 'Conv2D',
      input: ['image', 'conv/kernel'],
      attr: {
        T,
        strides: { list: { i: ['1', '1', '1', '1'] } },
        dilations: { list: { i: ['1', '1', '1', '1'] } },
        padding: { s: b64('VALID') },
        data_format: { s: b64('NHWC') },
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

const specs = [
  { name: 'conv/kernel', shape: [3, 3, 1, 2], dtype: 'float32' as const },
  { name: 'conv/bias', shape: [2], dtype: 'float32' as const },
  { name: 'gap/axes', shape: [2], dtype: 'int32' as const },
  { name: 'fc/kernel', shape: [2, 3], dtype: 'float32' as const },
  { name: 'fc/bias', shape: [3], dtype: 'float32' as const },
];

function weightData(): ArrayBuffer {
  const kernel = new Float32Array(18);
  for (let t = 0; t < 9; t++) kernel[t * 2] = 1;
  kernel[4 * 2 + 1] = -1;
  const parts = [
    new Uint8Array(kernel.buffer),
    new Uint8Array(new Float32Array([-50, 8]).buffer),
    new Uint8Array(new Int32Array([1, 2]).buffer),
    new Uint8Array(new Float32Array([1, 0, 0.5, 0, 1, -2]).buffer),
    new Uint8Array(new Float32Array([0.1, 0.2, 0.3]).buffer),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.buffer;
}

export async function gapGraphModel(): Promise<VisorModel> {
  const gm = await tf.loadGraphModel(
    tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: weightData(), format: 'graph-model' }),
  );
  return wrapGraphModel(gm, 'gap-graph-model');
}
