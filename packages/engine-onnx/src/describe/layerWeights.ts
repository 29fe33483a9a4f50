import type { NdArray } from '@visor/core';
import type { onnx } from 'onnx-proto';
import type { GraphIndex } from '../proto/GraphIndex.js';
import { attrFloat, attrInt } from '../proto/attributes.js';
import { ofRank } from '../ofRank.js';
import { tensorDims, tensorFloats } from '../proto/tensorData.js';

const nd = (data: ArrayLike<number>, shape: number[]): NdArray => ({ data: Float32Array.from(data), shape });

/**
 * A node's weights, Keras-oriented: dense (Gemm/MatMul with a constant weight) → kernel [in, out]
 * (Gemm's transB = 1, as PyTorch exports Linear, transposed; alpha folded in), then bias [out]
 * (Gemm's C, beta folded in); a `bias` Add → [bias]; Conv → kernel [kh, kw, in/group, out], then
 * bias [out]; BatchNormalization → gamma, beta, moving mean, moving variance. Other nodes have none.
 */
export function layerWeights(node: onnx.INodeProto, kind: string, index: GraphIndex): NdArray[] {
  const inputs = node.input ?? [];
  const constant = (i: number) => (inputs[i] ? index.constant(inputs[i]) : undefined);
  const op = node.opType;
  if (kind === 'dense' && op === 'Gemm') {
    const b = constant(1);
    if (!b) return [];
    const [r, c] = ofRank(tensorDims(b), 2, `Gemm weight '${b.name}'`);
    const alpha = attrFloat(node, 'alpha', 1);
    const values = tensorFloats(b);
    const transB = attrInt(node, 'transB', 0) === 1;
    const inDim = transB ? c : r;
    const outDim = transB ? r : c;
    const kernel = new Float32Array(inDim * outDim);
    for (let i = 0; i < inDim; i++) {
      for (let o = 0; o < outDim; o++) kernel[i * outDim + o] = alpha * (transB ? values[o * c + i]! : values[i * c + o]!); // values has r·c entries
    }
    const out: NdArray[] = [{ data: kernel, shape: [inDim, outDim] }];
    const bias = constant(2);
    if (bias) {
      const beta = attrFloat(node, 'beta', 1);
      out.push(
        nd(
          Array.from(tensorFloats(bias), (v) => v * beta),
          [outDim],
        ),
      );
    }
    return out;
  }
  if (kind === 'dense' && op === 'MatMul') {
    const b = constant(1);
    return b ? [nd(tensorFloats(b), tensorDims(b))] : [];
  }
  if (kind === 'bias') {
    const i = inputs.findIndex((t) => t && index.constant(t));
    const b = constant(i) as onnx.ITensorProto;
    const values = tensorFloats(b);
    return [nd(values, [values.length])];
  }
  if (kind === 'conv') {
    const w = constant(1);
    if (!w) return [];
    const [o, i, kh, kw] = ofRank(tensorDims(w), 4, `Conv weight '${w.name}'`);
    const values = tensorFloats(w);
    const kernel = new Float32Array(values.length);
    for (let a = 0; a < o; a++)
      for (let b = 0; b < i; b++)
        for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) kernel[((y * kw + x) * i + b) * o + a] = values[((a * i + b) * kh + y) * kw + x]!; // values has o·i·kh·kw entries
    const out: NdArray[] = [{ data: kernel, shape: [kh, kw, i, o] }];
    const bias = constant(2);
    if (bias) out.push(nd(tensorFloats(bias), [o]));
    return out;
  }
  if (op === 'BatchNormalization') {
    return [1, 2, 3, 4]
      .map((i) => constant(i))
      .filter((t): t is onnx.ITensorProto => !!t)
      .map((t) => nd(tensorFloats(t), tensorDims(t)));
  }
  return [];
}

/** Ops a fused activation or bias sits in, between a weighted node and a layer's output tensor. */
const TRAILING_OPS = new Set([
  'Relu',
  'Clip',
  'LeakyRelu',
  'Sigmoid',
  'Softmax',
  'Tanh',
  'Elu',
  'Selu',
  'HardSigmoid',
  'Softplus',
  'Identity',
  'Add',
  'Reshape',
  'Flatten',
]);
const WEIGHTED_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/**
 * The nodes whose initializers are a layer's weights: the node producing the layer's tensor; for a
 * `conv` or `dense` layer whose tensor comes out of a fused bias or activation (a converted Keras
 * Conv2D(activation='relu'): Conv → Add → Relu), the nodes up that single data chain to the
 * Conv/Gemm/MatMul.
 */
export function weightedNodes(tensor: string, kind: string, index: GraphIndex): onnx.INodeProto[] {
  const producer = index.producer(tensor)?.node;
  if (!producer) return [];
  if (kind !== 'conv' && kind !== 'dense') return [producer];
  const nodes = [producer];
  for (let node = producer; !WEIGHTED_OPS.has(node.opType ?? '');) {
    const data = (node.input ?? []).filter((i) => i && !index.isStatic(i));
    const [only] = data;
    const up = only && data.length === 1 && TRAILING_OPS.has(node.opType ?? '') ? index.producer(only)?.node : undefined;
    if (!up || nodes.length > 4) return [producer];
    nodes.push(up);
    node = up;
  }
  return nodes;
}

/** The number of weights a node holds (its constant inputs), for LayerInfo.params. */
export function layerParams(node: onnx.INodeProto, kind: string, index: GraphIndex): number {
  if (!['conv', 'dense', 'bias', 'normalization'].includes(kind) && node.opType !== 'PRelu') return 0;
  let n = 0;
  for (const t of node.input ?? []) {
    const c = t ? index.initializers.get(t) : undefined;
    if (c) n += tensorDims(c).reduce((a, b) => a * b, 1);
  }
  return n;
}
