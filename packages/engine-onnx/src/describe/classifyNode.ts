import type { LayerKind } from '@visor/core';
import type { onnx } from 'onnx-proto';
import type { TensorLayout } from '../OnnxModelSpec.js';
import type { GraphIndex } from '../proto/GraphIndex.js';
import { attrFloat, attrInt, attrInts } from '../proto/attributes.js';
import { tensorFloats, tensorInts } from '../proto/tensorData.js';

export interface NodeClass {
  kind: LayerKind;
  activation?: string;
}

const ACTIVATIONS: Record<string, string> = {
  Relu: 'relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  LeakyRelu: 'leaky_relu',
  PRelu: 'prelu',
  Elu: 'elu',
  Selu: 'selu',
  Celu: 'celu',
  Gelu: 'gelu',
  HardSigmoid: 'hard_sigmoid',
  HardSwish: 'hard_swish',
  Softplus: 'softplus',
  Softsign: 'softsign',
  Mish: 'mish',
  ThresholdedRelu: 'thresholded_relu',
};

const SHAPE_CHANGES = new Set(['Flatten', 'Reshape', 'Squeeze', 'Unsqueeze', 'Transpose']);
const MERGES = new Set(['Add', 'Sum', 'Mul', 'Sub', 'Div', 'Concat', 'Max', 'Min', 'Mean']);
const NORMALIZATIONS = new Set(['BatchNormalization', 'InstanceNormalization', 'LayerNormalization', 'LRN']);

/** What an ONNX node does, as a Visor LayerKind (see LayerKind for the vocabulary). */
export function classifyNode(node: onnx.INodeProto, index: GraphIndex, layouts: Map<string, TensorLayout>): NodeClass {
  const op = node.opType ?? '';
  const inputs = node.input ?? [];
  const dataInputs = inputs.filter((t) => t && !index.isStatic(t));
  if (op === 'Conv') return { kind: 'conv' };
  if (op === 'Gemm' || op === 'MatMul') return { kind: inputs[1] && index.constant(inputs[1]) ? 'dense' : 'other' };
  if (op === 'Add' && dataInputs.length === 1 && isBiasAdd(node, index)) return { kind: 'bias' };
  if (op === 'GlobalAveragePool') return { kind: 'global-avg-pool' };
  if (op === 'GlobalMaxPool') return { kind: 'global-max-pool' };
  if ((op === 'ReduceMean' || op === 'ReduceMax') && isSpatialReduce(node, index, layouts)) {
    return { kind: op === 'ReduceMean' ? 'global-avg-pool' : 'global-max-pool' };
  }
  if (op === 'MaxPool' || op === 'AveragePool' || op === 'LpPool') return { kind: 'pool' };
  if (SHAPE_CHANGES.has(op)) return { kind: 'reshape' };
  if (op === 'Clip') return { kind: 'activation', activation: clipActivation(node, index) };
  if (op in ACTIVATIONS) return { kind: 'activation', activation: ACTIVATIONS[op] };
  if (op === 'Mul' && dataInputs.length === 2) {
    const gate = swishGate(node, index);
    if (gate) return { kind: 'activation', activation: gate === 'Sigmoid' ? 'swish' : 'hard_swish' };
  }
  if (op === 'Softmax' || op === 'LogSoftmax') return { kind: 'softmax', activation: op === 'Softmax' ? 'softmax' : 'log_softmax' };
  if (NORMALIZATIONS.has(op)) return { kind: 'normalization' };
  if (op === 'Pad') return { kind: 'padding' };
  if (op === 'Dropout' || op === 'Identity') return { kind: 'identity' };
  if (MERGES.has(op) && dataInputs.length >= 2) return { kind: 'merge' };
  return { kind: 'other' };
}

/** An Add of a constant to the output of a dense layer (MatMul/Gemm with a constant weight). */
function isBiasAdd(node: onnx.INodeProto, index: GraphIndex): boolean {
  const inputs = node.input ?? [];
  const data = inputs.find((t) => t && !index.isStatic(t));
  const constant = inputs.find((t) => t && index.constant(t));
  if (!data || !constant) return false;
  const p = index.producer(data)?.node;
  return !!p && (p.opType === 'MatMul' || p.opType === 'Gemm') && !!p.input?.[1] && !!index.constant(p.input[1]);
}

/** ReduceMean/ReduceMax over exactly the spatial axes of a 4-D image tensor. */
function isSpatialReduce(node: onnx.INodeProto, index: GraphIndex, layouts: Map<string, TensorLayout>): boolean {
  const x = node.input?.[0] ?? '';
  const layout = layouts.get(x);
  if (layout !== 'NCHW' && layout !== 'NHWC') return false;
  const axesInput = node.input?.[1] ? index.constant(node.input[1]) : undefined;
  const axes = (axesInput ? tensorInts(axesInput) : (attrInts(node, 'axes') ?? [])).map((a) => (a < 0 ? a + 4 : a)).sort();
  const spatial = layout === 'NCHW' ? [2, 3] : [1, 2];
  return axes.length === 2 && axes[0] === spatial[0] && axes[1] === spatial[1];
}

/** The [min, max] of a Clip (attributes before opset 11, optional constant inputs after); null where absent or not constant. */
export function clipBounds(
  node: onnx.INodeProto,
  constant: (tensor: string) => onnx.ITensorProto | undefined,
): { min: number | null; max: number | null } | undefined {
  const read = (i: number, attr: string, absent: number): number | null | undefined => {
    const name = node.input?.[i];
    if (name) {
      const t = constant(name);
      return t ? tensorFloats(t)[0] : undefined;
    }
    const v = attrFloat(node, attr, absent);
    return Number.isFinite(v) ? v : null;
  };
  const min = read(1, 'min', -Infinity);
  const max = read(2, 'max', Infinity);
  if (min === undefined || max === undefined) return undefined;
  return { min, max };
}

function clipActivation(node: onnx.INodeProto, index: GraphIndex): string {
  const b = clipBounds(node, (t) => index.constant(t));
  if (b && b.min === 0 && b.max === 6) return 'relu6';
  if (b && b.min === 0 && b.max === null) return 'relu';
  return 'clip';
}

/** For Mul(x, Sigmoid(x)) or Mul(x, HardSigmoid(x)) (swish, hard swish as exported), the gate op. */
export function swishGate(node: onnx.INodeProto, index: GraphIndex): 'Sigmoid' | 'HardSigmoid' | undefined {
  const [a, b] = node.input ?? [];
  for (const [x, g] of [
    [a, b],
    [b, a],
  ]) {
    const gate = index.producer(g ?? '')?.node;
    if (gate && (gate.opType === 'Sigmoid' || gate.opType === 'HardSigmoid') && gate.input?.[0] === x) return gate.opType;
  }
  return undefined;
}

/** The axis a Softmax normalises (opset ≥ 13: `axis`, default −1). */
export function softmaxAxis(node: onnx.INodeProto, rank: number, opset: number): number {
  const axis = attrInt(node, 'axis', opset >= 13 ? -1 : 1);
  return axis < 0 ? axis + rank : axis;
}
