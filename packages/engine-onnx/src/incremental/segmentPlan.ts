import type { onnx } from 'onnx-proto';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ChannelsLastModel } from '../graph/channelsLastInput.js';
import { ofRank } from '../ofRank.js';
import { tensorDims } from '../proto/tensorData.js';
import { GraphIndex } from '../proto/GraphIndex.js';
import { tensorValueInfo } from '../proto/valueInfo.js';
import { localOp, NHWC_AXES, type LocalOp, type SpatialAxes } from './localOps.js';

/** A 4-D map between two segments: its tensor, spatial axes, and per-image size [C, H, W] (whatever the layout). */
export interface CutTensor {
  name: string;
  axes: SpatialAxes;
  channels: number;
  height: number;
  width: number;
}

/**
 * A run of local ops from one cut tensor to the next (every path from the model's input to its output
 * passes through each cut), as a model of its own whose input has free spatial sizes, so it runs on a
 * crop of its input map as well as on the whole map.
 */
export interface Segment {
  input: CutTensor;
  output: CutTensor;
  ops: LocalOp[];
  /** Product of the strides from input to output, per axis: a crop must start at a multiple of it. */
  stride: [number, number];
  /** Multiply-adds of its Conv ops over the whole map, per image. */
  macs: number;
  model: onnx.IModelProto;
}

/** The segments, and the rest of the graph from any cut to the scores. */
export interface IncrementalPlan {
  segments: Segment[];
  /** Multiply-adds of the head after the last segment (its dense layers), per image. */
  headMacs: number;
  /** The model from the input of segment k (k = segments.length: the last segment's output) to `scores`, on whole maps. */
  tail(k: number): onnx.IModelProto;
  scores: string[];
}

/** A tensor after which a single map is alive, and the index of the node that produced it (-1: the model's input). */
interface Cut {
  tensor: string;
  after: number;
}

const NOT_A_BOUNDARY = new Set(['Conv', 'BatchNormalization', 'Pad', 'Transpose']);

/**
 * Runs between cuts with a Conv ("blocks") per segment. Each segment boundary costs a reorder of the
 * crops into and out of ONNX Runtime's NCHWc layout, an unfused residual Add and a run; each extra block
 * in a segment widens its crop by that block's window. Measured on ResNet-50 (7×7 occlusion, CPU time
 * of the whole explainer against full forward passes): 1 block −12 %, 2 blocks −19 %, 3 blocks +6 %.
 */
const BLOCKS_PER_SEGMENT = 2;

/**
 * Splits a channels-last model into segments of local ops between cut tensors, up to the first op that
 * is not local (global pooling, flattening); `tail(k)` is the rest of the model from segment k's input
 * to `scores`. Segments end only where no fusion is broken (not after a Conv, BatchNormalization, Pad or
 * Transpose) and hold BLOCKS_PER_SEGMENT runs with a Conv (a run without a Conv joins the next). Null when the model has no such structure (fewer than two
 * segments with convolutions, a fixed batch, or constants the segments cannot carry).
 */
export function segmentPlan(base: ChannelsLastModel, scores: string[]): IncrementalPlan | null {
  if (base.batch !== null) return null;
  const index = new GraphIndex(base.model);
  const shapes = base.shapes;
  const nodes = index.nodes;
  const outputs = new Set((base.model.graph?.output ?? []).map((o) => o.name ?? ''));
  for (const s of scores) outputs.add(s);
  const lastUse = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const t of n.input ?? []) if (t && !index.isStatic(t)) lastUse.set(t, i);
  });
  for (const t of outputs) lastUse.set(t, Infinity);

  // Walk the nodes in order: which are local, and after which node a single map is alive (a cut).
  const axesOf = new Map<string, SpatialAxes>([[base.input, NHWC_AXES]]);
  const ops = new Map<onnx.INodeProto, LocalOp>();
  const cuts: Cut[] = [{ tensor: base.input, after: -1 }];
  const live = new Set([base.input]);
  let stop = nodes.length;
  for (const [i, n] of nodes.entries()) {
    const data = (n.input ?? []).filter((t) => t && !index.isStatic(t));
    if (data.length === 0) continue; // constants and shape arithmetic
    const op = localOp(n, index, shapes, (t) => axesOf.get(t) ?? null);
    if (!op) {
      stop = i;
      break;
    }
    ops.set(n, op);
    axesOf.set(op.output, op.axes);
    live.add(op.output);
    for (const t of [...live]) if ((lastUse.get(t) ?? -1) <= i) live.delete(t);
    if (live.size === 1 && live.has(op.output) && !NOT_A_BOUNDARY.has(n.opType ?? '')) cuts.push({ tensor: op.output, after: i });
  }
  if (stop === nodes.length) return null; // no global op: not a classifier head
  const cut = (name: string): CutTensor | null => {
    const dims = shapes.get(name)?.dims;
    const axes = axesOf.get(name);
    if (!dims || dims.length !== 4 || !axes) return null;
    const channelAxis = axes[0] === 2 ? 1 : 3;
    const [c, h, w] = [dims[channelAxis], dims[axes[0]], dims[axes[1]]];
    return typeof c === 'number' && typeof h === 'number' && typeof w === 'number' ? { name, axes, channels: c, height: h, width: w } : null;
  };

  // Segments between cuts; one without a Conv joins the next.
  const [first, ...rest] = cuts as [Cut, ...Cut[]]; // cuts starts with the model's input
  const bounds: Cut[] = [first];
  let previous = first;
  let convs = 0;
  let blocks = 0;
  for (const [k, c] of rest.entries()) {
    convs += nodes.slice(previous.after + 1, c.after + 1).filter((n) => n.opType === 'Conv').length;
    previous = c;
    if (convs === 0) continue;
    blocks++;
    convs = 0;
    if (blocks >= BLOCKS_PER_SEGMENT || k === rest.length - 1) {
      bounds.push(c);
      blocks = 0;
    }
  }
  if (bounds.length < 3) return null;
  const segments: Segment[] = [];
  for (const [k, from] of bounds.slice(0, -1).entries()) {
    const to = bounds[k + 1]!; // k + 1 < bounds.length
    const input = cut(from.tensor);
    const output = cut(to.tensor);
    if (!input || !output) return null;
    const segNodes = nodes.slice(from.after + 1, to.after + 1);
    const segOps = segNodes.flatMap((n) => (ops.has(n) ? [ops.get(n) as LocalOp] : []));
    const model = subgraph(base.model, index, segNodes, input, output.name);
    if (!model) return null;
    segments.push({ input, output, ops: segOps, stride: cumulativeStride(segOps, output.name), macs: convMacs(segOps, index, shapes), model });
  }
  const cutsAt = [...segments.map((seg) => seg.input), segments.at(-1)!.output]; // bounds.length >= 3: two segments or more
  const tail = (k: number): onnx.IModelProto => {
    const from = cutsAt[k];
    const bound = bounds[k];
    if (!from || !bound) throw new RangeError(`incremental plan: no cut ${k} (the plan has ${cutsAt.length})`);
    const g = new GraphBuilder(base.model);
    // The nodes after the cut, and every Constant node (the builder prunes those it does not read).
    g.nodes.splice(0, g.nodes.length, ...nodes.slice(0, bound.after + 1).filter((n) => n.opType === 'Constant'), ...nodes.slice(bound.after + 1));
    g.inputs = [tensorValueInfo(from.name, 1, shapes.get(from.name)?.dims.map((d, i) => (i === 0 ? 'N' : d)) ?? [])];
    g.outputs = scores.map((name) => ({ name }));
    return g.model();
  };
  return { segments, headMacs: otherMacs(nodes.slice(previous.after + 1), index), tail, scores };
}

/** The segment's nodes as a model: input `input` with free batch and spatial sizes, output `output`; the constants it reads included. */
function subgraph(model: onnx.IModelProto, index: GraphIndex, segNodes: onnx.INodeProto[], input: CutTensor, output: string): onnx.IModelProto | null {
  const inits = new Map<string, onnx.ITensorProto>();
  const constNodes: onnx.INodeProto[] = [];
  const produced = new Set(segNodes.flatMap((n) => n.output ?? []));
  for (const n of segNodes) {
    for (const t of n.input ?? []) {
      if (!t || t === input.name || produced.has(t)) continue;
      const init = index.initializers.get(t);
      if (init) inits.set(t, init);
      else {
        const p = index.producers.get(t)?.node;
        if (!p || p.opType !== 'Constant') return null;
        constNodes.push(p);
      }
    }
  }
  const dims = input.axes[0] === 2 ? ['N', input.channels, 'h', 'w'] : ['N', 'h', 'w', input.channels];
  return {
    ...model,
    graph: {
      name: `segment ${input.name} → ${output}`,
      node: [...constNodes, ...segNodes],
      initializer: [...inits.values()],
      input: [tensorValueInfo(input.name, 1, dims)],
      output: [{ name: output }],
      valueInfo: [],
    },
  };
}

function cumulativeStride(ops: LocalOp[], output: string): [number, number] {
  const stride = new Map<string, [number, number]>();
  let last: [number, number] = [1, 1];
  for (const op of ops) {
    let inStride: [number, number] = [1, 1];
    for (const s of op.inputs.map((t) => stride.get(t))) if (s) inStride = [Math.max(inStride[0], s[0]), Math.max(inStride[1], s[1])];
    last = [inStride[0] * op.maps[0].stride, inStride[1] * op.maps[1].stride];
    stride.set(op.output, last);
  }
  return stride.get(output) ?? last;
}

function convMacs(ops: LocalOp[], index: GraphIndex, shapes: ChannelsLastModel['shapes']): number {
  let macs = 0;
  for (const op of ops) {
    if (op.node.opType !== 'Conv') continue;
    const w = index.constant(op.node.input?.[1] ?? '');
    const out = shapes.get(op.output)?.dims ?? [];
    if (!w) continue;
    const [cout, cinPerGroup, kh, kw] = ofRank(tensorDims(w), 4, `Conv weight '${w.name}'`);
    macs += cout * cinPerGroup * kh * kw * ((out[2] as number) ?? 0) * ((out[3] as number) ?? 0);
  }
  return macs;
}

/** Multiply-adds of the dense layers of the head (Gemm, MatMul with a constant weight). */
function otherMacs(nodes: onnx.INodeProto[], index: GraphIndex): number {
  let macs = 0;
  for (const n of nodes) {
    if (n.opType !== 'Gemm' && n.opType !== 'MatMul') continue;
    const w = index.constant(n.input?.[1] ?? '');
    if (w) macs += tensorDims(w).reduce((a, b) => a * b, 1);
  }
  return macs;
}
