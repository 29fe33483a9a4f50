import type { GraphEmitter } from './GraphEmitter.js';
import { attr } from './onnxAttr.js';
import { dims4, type Value } from './Value.js';
import { windowPadding, type WindowPadding } from './WindowPadding.js';

export interface PoolSpec {
  type: 'max' | 'avg';
  pool: [number, number];
  strides: [number, number];
  padding: WindowPadding;
}

/**
 * An ONNX MaxPool / AveragePool (NCHW) computing TF pooling of the 4-D value `x`. TF `same` pooling
 * ignores the padded positions (max over real pixels; the average divides by the number of real
 * pixels), which is ONNX's MaxPool and AveragePool with `count_include_pad = 0`.
 */
export function emitPool(e: GraphEmitter, x: Value, spec: PoolSpec, out: string): Value {
  const [n, h, w, c] = dims4(x);
  const {
    attrs,
    out: [ho, wo],
  } = windowPadding(
    [
      { size: h, kernel: spec.pool[0], stride: spec.strides[0], dilation: 1 },
      { size: w, kernel: spec.pool[1], stride: spec.strides[1], dilation: 1 },
    ],
    spec.padding,
  );
  const tensor = e.b.node(spec.type === 'max' ? 'MaxPool' : 'AveragePool', [e.nchw(x)], out, {
    kernel_shape: attr.ints(spec.pool),
    strides: attr.ints(spec.strides),
    ...(spec.type === 'avg' ? { count_include_pad: attr.int(0) } : {}),
    ...attrs,
  });
  return { tensor, shape: [n, ho, wo, c], layout: 'NCHW' };
}
