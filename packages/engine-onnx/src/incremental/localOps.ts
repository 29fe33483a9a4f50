import type { onnx } from 'onnx-proto';
import { attrInt, attrInts } from '../proto/attributes.js';
import type { GraphIndex } from '../proto/GraphIndex.js';
import { tensorDims, tensorInts } from '../proto/tensorData.js';
import type { TensorShapes } from '../proto/TensorShapes.js';
import { windowGeometry } from '../backward/rules/convGeometry.js';

/** Where the two spatial axes of a 4-D tensor are: NCHW [2, 3] or NHWC [1, 2]. */
export type SpatialAxes = [number, number];
export const NCHW_AXES: SpatialAxes = [2, 3];
export const NHWC_AXES: SpatialAxes = [1, 2];

/**
 * How one spatial axis of an op's output depends on its input: output o reads the input positions
 * [o·stride − pad, o·stride − pad + extent). A Conv or pooling window has extent (k − 1)·d + 1 and
 * pad its begin pad; a constant Pad shifts by its begin pad (stride 1, extent 1); element-wise ops
 * are the identity (stride 1, extent 1, pad 0).
 */
export interface AxisMap {
  stride: number;
  extent: number;
  pad: number;
}

/**
 * A node that is local in space: each output position depends on a bounded window of input
 * positions, the same rule everywhere, so it can run on a crop of its input and give, away from the
 * crop's inner edges, exactly the values it gives on the whole map. `axes` are the spatial axes of
 * its output; `inputs` the data inputs that carry the map (others are constants).
 */
export interface LocalOp {
  node: onnx.INodeProto;
  /** Data inputs (spatial maps) and the output. */
  inputs: string[];
  output: string;
  /** Per spatial axis (height, width). */
  maps: [AxisMap, AxisMap];
  /** Spatial axes of the output. */
  axes: SpatialAxes;
  /** Output height and width on the whole map. */
  size: [number, number];
}

const IDENTITY: [AxisMap, AxisMap] = [
  { stride: 1, extent: 1, pad: 0 },
  { stride: 1, extent: 1, pad: 0 },
];

/** Element-wise unary ops (one map input; extra inputs, if any, are constants). */
const UNARY = new Set([
  'Relu',
  'LeakyRelu',
  'Clip',
  'Sigmoid',
  'Tanh',
  'HardSigmoid',
  'HardSwish',
  'Elu',
  'Selu',
  'Celu',
  'Softplus',
  'Identity',
  'Dropout',
  'BatchNormalization',
  'Neg',
  'Abs',
  'Exp',
  'Sqrt',
  'Erf',
  'Cast',
]);
/** Element-wise ops over several maps of the same size, or a map and constants that have no spatial extent. */
const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div', 'Sum', 'Max', 'Min', 'PRelu']);

/**
 * The LocalOp of a node whose input maps have spatial axes `axesOf(input)`, or null when the node
 * mixes positions beyond a fixed window (global pooling, reshapes, resizing, attention) or its
 * attributes are not understood: the incremental path then stops before it.
 */
export function localOp(node: onnx.INodeProto, index: GraphIndex, shapes: TensorShapes, axesOf: (t: string) => SpatialAxes | null): LocalOp | null {
  const op = node.opType ?? '';
  if (node.domain && node.domain !== 'ai.onnx') return null;
  const output = node.output?.[0];
  if (!output || (node.output ?? []).filter(Boolean).length !== 1) return null;
  const data = (node.input ?? []).filter((t) => t && !index.isStatic(t));
  if (data.length === 0) return null;
  const [first] = data;
  const axes = first ? axesOf(first) : null;
  if (!first || !axes || data.some((t) => !sameAxes(axesOf(t), axes))) return null;
  const outDims = shapes.get(output)?.dims;
  if (!outDims || outDims.length !== 4) return null;
  const result = (o: Omit<LocalOp, 'size' | 'node' | 'inputs' | 'output'>): LocalOp | null => {
    const [h, w] = [outDims[o.axes[0]], outDims[o.axes[1]]];
    return typeof h === 'number' && typeof w === 'number' ? { node, inputs: data, output, ...o, size: [h, w] } : null;
  };

  if (op === 'Conv' || op === 'MaxPool' || op === 'AveragePool') {
    if (data.length !== 1 || first !== node.input?.[0] || axes !== NCHW_AXES) return null;
    if (op !== 'Conv' && attrInt(node, 'ceil_mode', 0) !== 0) return null;
    const inDims = shapes.get(first)?.dims;
    const w = op === 'Conv' ? index.constant(node.input?.[1] ?? '') : undefined;
    const kernel = attrInts(node, 'kernel_shape') ?? (w ? tensorDims(w).slice(2) : undefined);
    if (!inDims || !kernel || kernel.length !== 2) return null;
    const g = windowGeometry(node, inDims.slice(2) as number[], kernel, outDims.slice(2) as number[]);
    // Two spatial axes: kernel has two entries (checked above), and so has every list of g.
    const axis = (i: 0 | 1): AxisMap => ({ stride: g.strides[i]!, extent: (kernel[i]! - 1) * g.dilations[i]! + 1, pad: g.pads[i]! });
    return result({ axes, maps: [axis(0), axis(1)] });
  }
  if (op === 'Pad') {
    const mode = (node.attribute ?? []).find((a) => a.name === 'mode');
    if (mode?.s && new TextDecoder().decode(mode.s) !== 'constant') return null;
    const padsTensor = index.constant(node.input?.[1] ?? '');
    const pads = padsTensor ? tensorInts(padsTensor) : attrInts(node, 'pads');
    if (!pads || pads.length !== 8 || (node.input?.[3] ?? '') !== '') return null;
    // Only the spatial axes may be padded, and never cropped (negative pads).
    const spatial = new Set(axes);
    // pads has 8 entries (checked above): begin and end of each of the 4 axes.
    for (let a = 0; a < 4; a++) {
      const [begin, end] = [pads[a]!, pads[a + 4]!];
      if (begin < 0 || end < 0) return null;
      if (!spatial.has(a) && (begin !== 0 || end !== 0)) return null;
    }
    return result({
      axes,
      maps: [
        { stride: 1, extent: 1, pad: pads[axes[0]]! },
        { stride: 1, extent: 1, pad: pads[axes[1]]! },
      ],
    });
  }
  if (op === 'Transpose') {
    const perm = attrInts(node, 'perm');
    if (data.length !== 1 || !perm) return null;
    const to = perm.join(',') === '0,3,1,2' && axes === NHWC_AXES ? NCHW_AXES : perm.join(',') === '0,2,3,1' && axes === NCHW_AXES ? NHWC_AXES : null;
    return to ? result({ axes: to, maps: IDENTITY }) : null;
  }
  if (op === 'Concat') {
    const axis = attrInt(node, 'axis', 1);
    const channel = axes === NCHW_AXES ? 1 : 3;
    if ((axis + 4) % 4 !== channel || data.length !== (node.input ?? []).length) return null;
    return result({ axes, maps: IDENTITY });
  }
  if (UNARY.has(op)) {
    if (data.length !== 1 || data[0] !== node.input?.[0]) return null;
    return result({ axes, maps: IDENTITY });
  }
  if (BINARY.has(op)) {
    // Constants must not vary over space (a per-channel vector or a scalar, broadcast).
    for (const t of node.input ?? []) {
      if (!t || !index.isStatic(t)) continue;
      const c = index.constant(t);
      if (!c) return null;
      const dims = tensorDims(c);
      const rank = dims.length;
      for (const a of axes) if (a - (4 - rank) >= 0 && dims[a - (4 - rank)] !== 1) return null;
    }
    return result({ axes, maps: IDENTITY });
  }
  return null;
}

const sameAxes = (a: SpatialAxes | null, b: SpatialAxes): boolean => !!a && a[0] === b[0] && a[1] === b[1];

/** Output positions along one axis whose window meets the changed input positions [a, b); clipped to [0, n). */
export function changedRange(m: AxisMap, a: number, b: number, n: number): [number, number] {
  if (b <= a) return [0, 0];
  const lo = Math.max(0, Math.ceil((a + m.pad - m.extent + 1) / m.stride));
  const hi = Math.min(n, Math.floor((b - 1 + m.pad) / m.stride) + 1);
  return hi > lo ? [lo, hi] : [0, 0];
}

/** Input positions along one axis that outputs [c, d) read; clipped to [0, n). */
export function requiredRange(m: AxisMap, c: number, d: number, n: number): [number, number] {
  if (d <= c) return [0, 0];
  return [Math.max(0, c * m.stride - m.pad), Math.min(n, (d - 1) * m.stride - m.pad + m.extent)];
}
