import type { GradientRewrite } from '@visor/core';
import type { onnx } from 'onnx-proto';
import { swishGate } from '../describe/classifyNode.js';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { modelError } from '../modelError.js';
import type { TensorLayout } from '../OnnxModelSpec.js';
import { attr } from '../proto/attributes.js';
import { GraphIndex, nodeLabel } from '../proto/GraphIndex.js';
import { DataType } from '../proto/onnxProto.js';
import { tensorDims } from '../proto/tensorData.js';
import type { TensorShapes } from '../proto/TensorShapes.js';
import { declaredShape, tensorValueInfo } from '../proto/valueInfo.js';
import { ruleTable, VJP_RULES } from './vjpRules.js';
import type { VjpContext, VjpRule } from './VjpRule.js';

/** The lowest opset the emitted backward nodes need (ScatterElements with reduction = 'add'). */
export const BACKWARD_OPSET = 16;

/** Rectifiers a ReLU rewrite does not cover; guided backprop and deconvnet are not defined for them. */
const UNCOVERED_RECTIFIERS = new Set(['LeakyRelu', 'PRelu', 'Elu', 'Selu', 'Celu', 'Gelu', 'HardSwish', 'Mish', 'ThresholdedRelu', 'Softplus']);

export interface GradientGraphOptions {
  /** The forward model; its one graph input is what the caller feeds. */
  model: onnx.IModelProto;
  /** Static shapes of the model's tensors (its input included). */
  shapes: TensorShapes;
  /** The tensor to differentiate with respect to (the graph input or a node output). */
  wrt: string;
  /** Layout of `wrt`: an NCHW value and its gradient are transposed to NHWC in the graph. */
  wrtLayout?: TensorLayout;
  /** The score tensor [N, K] (logits or probabilities). */
  score: string;
  rewrite?: GradientRewrite;
  /** The model file, for messages. */
  file: string;
  rules?: readonly VjpRule[];
}

export interface GradientGraph {
  model: onnx.IModelProto;
  /** The graph input for the seed [N, K]: the gradient is that of Σ seed·score. */
  seed: string;
  /** Output: the forward value of `wrt` (channels-last); null when `wrt` is the graph input, which the caller has. */
  value: string | null;
  /** Output: the gradient (channels-last); null when `wrt` does not influence the score (the gradient is zero). */
  gradient: string | null;
  /** Output: the scores. */
  score: string;
}

const ELEM_TYPES: Record<string, number> = { float32: DataType.FLOAT, float64: DataType.DOUBLE };

/**
 * Appends the backward pass to a forward graph: seeded at `score` by a new graph input, the
 * vector-Jacobian product of every node on the way back to `wrt`, in reverse topological order,
 * with a registered rule per op (`vjpRules.ts`). Only nodes between `wrt` and the score get
 * backward nodes, and only for their inputs on that way; contributions to one tensor are summed.
 * Forward and backward run as one graph, so the backward reads forward tensors (ReLU outputs,
 * MaxPool indices) directly. The result uses opset max(model's, 16); models below opset 13 are
 * refused (their op semantics differ).
 */
export function buildGradientGraph(options: GradientGraphOptions): GradientGraph {
  const { model, shapes, wrt, score, rewrite, file } = options;
  const index = new GraphIndex(model);
  const fail = (message: string, hint: string): never => {
    throw modelError(file, message, hint);
  };
  if (index.opset < 13) {
    fail(
      `uses ONNX opset ${index.opset}; Visor builds gradients for opset 13 and later`,
      'Re-export the model with opset_version ≥ 13 (torch.onnx.export(..., opset_version=14)).',
    );
  }
  const elemType = ELEM_TYPES[shapes.get(score)?.type ?? ''];
  if (!elemType)
    return fail(`the score '${score}' is ${shapes.get(score)?.type ?? 'of unknown type'}; gradients need float32 or float64`, 'Export the model in float32.');
  const opset = Math.max(index.opset, BACKWARD_OPSET);
  const table = ruleTable(options.rules ?? VJP_RULES);

  // Which tensors depend on wrt, and which feed the score: the nodes on the way back lie in between.
  const downstream = new Set([wrt]);
  for (const node of index.nodes) {
    if ((node.input ?? []).some((t) => t && downstream.has(t) && !index.isStatic(t))) for (const t of node.output ?? []) if (t) downstream.add(t);
  }
  const upstream = new Set([score]);
  for (const node of [...index.nodes].reverse()) {
    if ((node.output ?? []).some((t) => upstream.has(t))) for (const t of node.input ?? []) if (t) upstream.add(t);
  }
  const onPath = index.nodes.filter(
    (n) => (n.output ?? []).some((t) => upstream.has(t)) && (n.input ?? []).some((t) => t && downstream.has(t) && !index.isStatic(t)),
  );
  checkRules(onPath, table, file, wrt);
  if (rewrite) checkRewritable(onPath, index, file, rewrite.id);

  const g = new GraphBuilder(model);
  const imageInput = index.inputs[0];
  const batch = (imageInput ? declaredShape(imageInput)?.[0] : null) ?? 'N';
  const scoreDims = shapes.get(score)?.dims ?? [];
  const seed = g.fresh('seed');
  g.inputs = [...g.inputs, tensorValueInfo(seed, elemType, [batch, scoreDims.at(-1) ?? null])];

  // Every gradient has its forward tensor's shape. Declared (batch axis as the input's symbol), ONNX
  // Runtime's shape inference knows that a gradient and the forward tensor it meets in a ReLU mask or a
  // sum have equal shapes, which its NCHWc layout pass needs to fuse the two into a convolution.
  const declared = new Set<string>();
  const declare = (dx: string, forward: string) => {
    const dims = shapes.get(forward)?.dims;
    if (!dims || declared.has(dx) || dx === forward) return;
    declared.add(dx);
    g.valueInfo.push(
      tensorValueInfo(
        dx,
        elemType,
        dims.map((d, i) => (d === null ? (i === 0 ? batch : null) : d)),
      ),
    );
  };
  const grads = new Map<string, string[]>([[score, [seed]]]);
  const current = new Map<onnx.INodeProto, onnx.INodeProto>();
  const sum = (t: string): string | null => {
    const parts = grads.get(t) ?? [];
    const [only] = parts;
    if (!only) return null;
    const total = parts.length === 1 ? only : g.node('Sum', parts, [], 'grad/sum');
    declare(total, t);
    grads.set(t, [total]);
    return total;
  };
  const onPathSet = new Set(onPath);
  for (const node of [...index.nodes].reverse()) {
    if (!onPathSet.has(node)) continue;
    const dy = (node.output ?? []).map((t) => (t ? sum(t) : null));
    if (dy.every((d) => d === null)) continue;
    const inputs = node.input ?? [];
    const needs = inputs.map((t) => !!t && downstream.has(t) && !index.isStatic(t));
    const ctx: VjpContext = {
      node,
      dy,
      needs,
      g,
      elemType,
      opset,
      rewrite,
      shape(tensor) {
        const info = shapes.get(tensor);
        if (info) return info.dims;
        const constant = index.constant(tensor);
        if (constant) return tensorDims(constant);
        return fail(`no shape is known for tensor '${tensor}' (input of node '${nodeLabel(node)}')`, 'Export the model with static shapes.');
      },
      input(k) {
        return inputs[k] || ctx.fail(`it has no input ${k} (it has ${inputs.length})`);
      },
      output(k) {
        return node.output?.[k] || ctx.fail(`it has no output ${k} (it has ${node.output?.length ?? 0})`);
      },
      constant: (tensor) => index.constant(tensor),
      floats: (values, dims) => g.floats(values, dims ?? (values.length === 1 ? [] : [values.length]), elemType),
      forwardOutput(k) {
        const live = current.get(node) ?? node;
        const existing = live.output?.[k];
        if (existing) return existing;
        const outputs = [...(live.output ?? [])];
        while (outputs.length < k) outputs.push('');
        const name = g.fresh(`forward/${node.opType}_output_${k}`);
        outputs[k] = name;
        const changed = { ...live, output: outputs };
        g.replace(live, changed);
        current.set(node, changed);
        return name;
      },
      fail(reason, hint) {
        return fail(
          `cannot build the gradient through ${node.opType} node '${nodeLabel(node)}': ${reason}`,
          hint ?? 'Export the model without this construct, or use a method that needs no gradient (CAM, occlusion).',
        );
      },
    };
    const rule = table.get(node.opType ?? '') as VjpRule;
    const dxs = rule.vjp(ctx);
    inputs.forEach((t, k) => {
      const dx = dxs[k];
      if (!needs[k] || !dx) return;
      declare(dx, t);
      const list = grads.get(t);
      if (list) list.push(dx);
      else grads.set(t, [dx]);
    });
  }

  const toChannelsLast = (t: string, hint: string) =>
    options.wrtLayout === 'NCHW' && (shapes.get(wrt)?.dims.length ?? 0) === 4
      ? g.node('Transpose', [t], [attr.ints('perm', [0, 2, 3, 1])], hint)
      : g.node('Identity', [t], [], hint);
  const isInput = index.inputs.some((i) => i.name === wrt);
  const gradient = sum(wrt);
  const outputs = {
    value: isInput ? null : toChannelsLast(wrt, 'value'),
    gradient: gradient ? toChannelsLast(gradient, 'gradient') : null,
    score: g.node('Identity', [score], [], 'score'),
  };
  g.outputs = [outputs.value, outputs.gradient, outputs.score].filter((t): t is string => t !== null).map((name) => ({ name }));
  return { model: g.model(opset), seed, ...outputs };
}

/** Every op on the way back needs a rule: refuse the first op without one, naming it, its node and the model. */
function checkRules(nodes: onnx.INodeProto[], table: Map<string, VjpRule>, file: string, wrt: string): void {
  const missing = nodes.filter((n) => (n.domain && n.domain !== 'ai.onnx') || !table.has(n.opType ?? ''));
  const [first] = missing;
  if (!first) return;
  const ops = [...new Set(missing.map((n) => (n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : n.opType)))];
  throw modelError(
    file,
    `no gradient rule for ONNX op ${ops.map((o) => `'${o}'`).join(', ')} (node '${nodeLabel(first)}'${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}) on the way back from the score to '${wrt}'`,
    `Visor's ONNX engine differentiates ${[...table.keys()].sort().join(', ')}. Differentiate with respect to a layer after these nodes, run the model on the tfjs engine, or use a method that needs no gradient (CAM, occlusion).`,
  );
}

/** A ReLU rewrite (guided backprop, deconvnet) is refused when other rectifiers lie on the way back. */
function checkRewritable(nodes: onnx.INodeProto[], index: GraphIndex, file: string, id: string): void {
  const found: string[] = [];
  for (const n of nodes) {
    const op = n.opType ?? '';
    if (UNCOVERED_RECTIFIERS.has(op)) found.push(`'${nodeLabel(n)}' (${op})`);
    else if (op === 'Mul') {
      const gate = swishGate(n, index);
      if (gate) found.push(`'${nodeLabel(n)}' (${gate === 'Sigmoid' ? 'swish x·Sigmoid(x)' : 'hard swish x·HardSigmoid(x)'})`);
    } else if (op === 'Erf') found.push(`'${nodeLabel(n)}' (Erf, as in an exported GELU)`);
  }
  if (found.length === 0) return;
  throw modelError(
    file,
    `the gradient rewrite '${id}' replaces the backward pass of ReLU and Clip(0, max) only, but the way back also passes ${found.length} other rectifier${found.length > 1 ? 's' : ''}: ${found.slice(0, 8).join(', ')}${found.length > 8 ? ', …' : ''}`,
    'Guided backprop and deconvnet are defined for ReLU networks; use plain gradients (rule backprop) for this model.',
  );
}
