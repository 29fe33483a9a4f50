import type { GraphEmitter } from './GraphEmitter.js';
import { attr } from './onnxAttr.js';
import { transposeData } from './transposeData.js';
import { ofRank } from '../ofRank.js';
import { dims4, type Value } from './Value.js';
import { windowPadding, type WindowPadding } from './WindowPadding.js';

export interface ConvSpec {
  /**
   * The TF kernel: `hwio` [kh, kw, in / groups, out] (Conv2D), or `depthwise` [kh, kw, in, multiplier]
   * (DepthwiseConv2D: output channel c·multiplier + m filters input channel c).
   */
  kernel: { data: Float32Array; shape: number[]; format: 'hwio' | 'depthwise' };
  bias?: Float32Array;
  strides: [number, number];
  dilations: [number, number];
  padding: WindowPadding;
  /** Conv2D `groups` (1 for an ordinary convolution; ignored for depthwise kernels). */
  groups?: number;
}

/** Names for the conv's initializers and the layer its Keras weights belong to (null: not kept). */
export interface ConvNames {
  kernel: string;
  bias: string;
  layer: string | null;
}

/** The conv's output, and the names of its weight initializers. */
export interface ConvValue extends Value {
  kernelInit: string;
  biasInit?: string;
}

/**
 * An ONNX Conv (NCHW) computing a TF conv of the 4-D value `x`: the kernel permuted once into ONNX's
 * [out, in / group, kh, kw] (a depthwise kernel becomes a grouped conv with group = in), TF padding as
 * explicit pads. The kernel, then the bias, are kept as the layer's Keras weights.
 */
export function emitConv(e: GraphEmitter, x: Value, spec: ConvSpec, out: string, names: ConvNames): ConvValue {
  const [kh, kw, a, bDim] = ofRank(spec.kernel.shape, 4, `the kernel of '${out}'`);
  const [batch, height, width] = dims4(x);
  const depthwise = spec.kernel.format === 'depthwise';
  const cout = depthwise ? a * bDim : bDim;
  const group = depthwise ? a : (spec.groups ?? 1);
  // ONNX layout, and how it maps back to the Keras kernel.
  const perm = depthwise ? [2, 3, 0, 1] : [3, 2, 0, 1];
  const onnxShape = depthwise ? [a, bDim, kh, kw] : [bDim, a, kh, kw];
  const w = transposeData(spec.kernel.data, spec.kernel.shape, perm);
  const wInit = e.b.floatInit(names.kernel, w, depthwise ? [cout, 1, kh, kw] : onnxShape);
  const inputs = [e.nchw(x), wInit];
  let bInit: string | undefined;
  if (spec.bias) {
    bInit = e.b.floatInit(names.bias, spec.bias, [cout]);
    inputs.push(bInit);
  }
  if (names.layer !== null) {
    e.keep(names.layer, { init: wInit, onnxShape, perm: depthwise ? [2, 3, 0, 1] : [2, 3, 1, 0], trainable: true });
    if (bInit) e.keep(names.layer, { init: bInit, onnxShape: [cout], perm: [0], trainable: true });
  }
  const {
    attrs,
    out: [ho, wo],
  } = windowPadding(
    [
      { size: height, kernel: kh, stride: spec.strides[0], dilation: spec.dilations[0] },
      { size: width, kernel: kw, stride: spec.strides[1], dilation: spec.dilations[1] },
    ],
    spec.padding,
  );
  const tensor = e.b.node('Conv', inputs, out, {
    kernel_shape: attr.ints([kh, kw]),
    strides: attr.ints(spec.strides),
    dilations: attr.ints(spec.dilations),
    group: attr.int(group),
    ...attrs,
  });
  return { tensor, shape: [batch, ho, wo, cout], layout: 'NCHW', kernelInit: wInit, biasInit: bInit };
}
