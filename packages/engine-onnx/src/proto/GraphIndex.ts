import type { onnx } from 'onnx-proto';
import { attrFloat, attrFloats, attrInt, attrInts, attrTensor, hasAttr } from './attributes.js';
import { DataType, int64 } from './onnxProto.js';
import { floatTensor, int64Tensor } from './tensorData.js';

/** A node output: which node makes a tensor, and as which of its outputs. */
export interface Producer {
  node: onnx.INodeProto;
  index: number;
}

/** Ops whose output depends only on the shape of their input, not on its values. */
const SHAPE_OPS = new Set(['Shape', 'Size']);

/**
 * Read-only lookups over an ONNX graph: who produces and who consumes each tensor, the constant
 * values (initializers and Constant nodes), the real inputs, the nodes in topological order, and
 * which tensors are shape arithmetic rather than data.
 */
export class GraphIndex {
  readonly graph: onnx.IGraphProto;
  /** Nodes in topological order (the file's order when it is already one, as ONNX requires). */
  readonly nodes: onnx.INodeProto[];
  readonly initializers = new Map<string, onnx.ITensorProto>();
  readonly producers = new Map<string, Producer>();
  readonly consumers = new Map<string, onnx.INodeProto[]>();
  /** Graph inputs that are not initializers, i.e. what a caller must feed. */
  readonly inputs: onnx.IValueInfoProto[];
  /** The default-domain opset the model imports. */
  readonly opset: number;
  private readonly staticTensors = new Set<string>();

  constructor(readonly model: onnx.IModelProto) {
    const graph = model.graph;
    if (!graph) throw new Error('the model has no graph');
    this.graph = graph;
    for (const t of graph.initializer ?? []) if (t.name) this.initializers.set(t.name, t);
    this.inputs = (graph.input ?? []).filter((i) => !this.initializers.has(i.name ?? ''));
    const imports = model.opsetImport ?? [];
    const def = imports.find((o) => !o.domain || o.domain === 'ai.onnx');
    this.opset = def ? int64(def.version) : 0;
    this.nodes = topologicalOrder(graph.node ?? [], new Set([...this.initializers.keys(), ...this.inputs.map((i) => i.name ?? '')]));
    for (const node of this.nodes) {
      (node.output ?? []).forEach((t, index) => {
        if (t) this.producers.set(t, { node, index });
      });
      for (const t of node.input ?? []) {
        if (!t) continue;
        const list = this.consumers.get(t);
        if (list) list.push(node);
        else this.consumers.set(t, [node]);
      }
    }
    for (const name of this.initializers.keys()) this.staticTensors.add(name);
    for (const node of this.nodes) {
      const ins = (node.input ?? []).filter((t) => t !== '');
      const isStatic = node.opType === 'Constant' || SHAPE_OPS.has(node.opType ?? '') || (ins.length > 0 && ins.every((t) => this.staticTensors.has(t)));
      if (isStatic) for (const t of node.output ?? []) if (t) this.staticTensors.add(t);
    }
  }

  /** True for initializers, constants and tensors computed only from shapes and constants (not layers). */
  isStatic(tensor: string): boolean {
    return this.staticTensors.has(tensor);
  }

  producer(tensor: string): Producer | undefined {
    return this.producers.get(tensor);
  }

  consumersOf(tensor: string): onnx.INodeProto[] {
    return this.consumers.get(tensor) ?? [];
  }

  /**
   * The value of a constant tensor: an initializer, the output of a Constant node, or an Identity of
   * one (PyTorch exports weights shared by several nodes that way).
   */
  constant(tensor: string): onnx.ITensorProto | undefined {
    const init = this.initializers.get(tensor);
    if (init) return init;
    const p = this.producers.get(tensor);
    if (p?.node.opType === 'Identity' && p.node.input?.[0]) return this.constant(p.node.input[0]);
    if (!p || p.node.opType !== 'Constant') return undefined;
    return constantNodeValue(p.node, tensor);
  }
}

/** A node's readable name for messages: its name, else its op and first output. */
export function nodeLabel(node: onnx.INodeProto): string {
  return node.name ? node.name : `${node.opType} → ${node.output?.[0] ?? '?'}`;
}

function constantNodeValue(node: onnx.INodeProto, name: string): onnx.ITensorProto | undefined {
  const t = attrTensor(node, 'value');
  if (t) return t;
  if (hasAttr(node, 'value_float')) return floatTensor(name, [], [attrFloat(node, 'value_float', 0)]);
  if (hasAttr(node, 'value_floats')) {
    const v = attrFloats(node, 'value_floats') ?? [];
    return floatTensor(name, [v.length], v, DataType.FLOAT);
  }
  if (hasAttr(node, 'value_int')) return int64Tensor(name, [], [attrInt(node, 'value_int', 0)]);
  if (hasAttr(node, 'value_ints')) {
    const v = attrInts(node, 'value_ints') ?? [];
    return int64Tensor(name, [v.length], v);
  }
  return undefined;
}

/** Kahn's algorithm, stable: keeps the given order where it already is topological. */
function topologicalOrder(nodes: onnx.INodeProto[], available: Set<string>): onnx.INodeProto[] {
  const produced = new Set<string>();
  for (const n of nodes) for (const t of n.output ?? []) if (t) produced.add(t);
  const ready = (n: onnx.INodeProto, have: Set<string>) => (n.input ?? []).every((t) => t === '' || have.has(t) || !produced.has(t));
  const have = new Set(available);
  const out: onnx.INodeProto[] = [];
  let pending = nodes;
  while (pending.length > 0) {
    const next: onnx.INodeProto[] = [];
    for (const n of pending) {
      if (ready(n, have)) {
        out.push(n);
        for (const t of n.output ?? []) if (t) have.add(t);
      } else next.push(n);
    }
    if (next.length === pending.length) throw new Error(`the graph has a cycle through node '${nodeLabel(next[0]!)}'`); // pending is not empty
    pending = next;
  }
  return out;
}
