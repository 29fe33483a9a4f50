import type { onnx } from 'onnx-proto';
import type { OfRank } from '../ofRank.js';
import { DataType, int64 } from '../proto/onnxProto.js';
import { floatTensor, int64Tensor } from '../proto/tensorData.js';

/**
 * Builds a new graph from a model's graph without changing the model: nodes can be appended and
 * replaced, constants added as initializers, inputs and outputs declared. Names it makes are unique
 * (prefixed `visor/`). `model()` returns the result, pruned to what its outputs need.
 */
export class GraphBuilder {
  readonly nodes: onnx.INodeProto[];
  readonly initializers: onnx.ITensorProto[];
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[] = [];
  /** Shapes declared for tensors the builder made (kept where the pruned graph still has them). */
  readonly valueInfo: onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private readonly floatConstants = new Map<string, string>();

  constructor(private readonly source: onnx.IModelProto) {
    const graph = source.graph as onnx.IGraphProto;
    this.nodes = [...(graph.node ?? [])];
    this.initializers = [...(graph.initializer ?? [])];
    const inits = new Set(this.initializers.map((t) => t.name));
    // Initializers listed as inputs too (IR < 4) would stay overridable, which blocks constant folding.
    this.inputs = (graph.input ?? []).filter((i) => !inits.has(i.name));
    for (const n of this.nodes) {
      if (n.name) this.names.add(n.name);
      for (const t of [...(n.input ?? []), ...(n.output ?? [])]) if (t) this.names.add(t);
    }
    for (const t of this.initializers) if (t.name) this.names.add(t.name);
    for (const i of graph.input ?? []) if (i.name) this.names.add(i.name);
  }

  /** A new unique name starting with `visor/<hint>`. */
  fresh(hint: string): string {
    const base = `visor/${hint}`;
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  /** Appends a node; returns its output names. */
  nodeN<N extends number>(opType: string, inputs: string[], attribute: onnx.IAttributeProto[], outputs: N, hint = opType): OfRank<N, string> {
    const out = Array.from({ length: outputs }, (_, i) => this.fresh(outputs > 1 ? `${hint}:${i}` : hint));
    this.nodes.push({ opType, input: inputs, output: out, attribute, name: this.fresh(`node/${hint}`) });
    return out as OfRank<N, string>;
  }

  /** Appends a one-output node; returns its output name. */
  node(opType: string, inputs: string[], attribute: onnx.IAttributeProto[] = [], hint = opType): string {
    return this.nodeN(opType, inputs, attribute, 1, hint)[0];
  }

  /** Replaces a node (same object identity in `nodes`) by a changed copy. */
  replace(node: onnx.INodeProto, changed: onnx.INodeProto): void {
    const i = this.nodes.indexOf(node);
    if (i < 0) throw new Error(`node ${node.name} is not in the graph`);
    this.nodes[i] = changed;
  }

  /** A float constant (float32, or float64 for double graphs); scalars of one value are shared. */
  floats(values: ArrayLike<number>, dims: number[], elemType: number = DataType.FLOAT, hint = 'const'): string {
    const key = values.length === 1 && dims.length === 0 ? `${elemType}:${values[0]}` : undefined;
    const known = key ? this.floatConstants.get(key) : undefined;
    if (known) return known;
    const name = this.fresh(hint);
    this.initializers.push(floatTensor(name, dims, values, elemType));
    if (key) this.floatConstants.set(key, name);
    return name;
  }

  /** A 1-D int64 constant (axes, shapes, starts/ends). */
  ints(values: number[], hint = 'ints'): string {
    const name = this.fresh(hint);
    this.initializers.push(int64Tensor(name, [values.length], values));
    return name;
  }

  /** The model with the current nodes, pruned to what `outputs` need, with the given default-domain opset. */
  model(opset?: number): onnx.IModelProto {
    const needed = new Set(this.outputs.map((o) => o.name ?? ''));
    const kept: onnx.INodeProto[] = [];
    for (const n of [...this.nodes].reverse()) {
      if (!(n.output ?? []).some((t) => needed.has(t))) continue;
      kept.push(n);
      for (const t of n.input ?? []) if (t) needed.add(t);
      // Subgraphs (If/Loop bodies) may read outer tensors.
      for (const a of n.attribute ?? []) for (const g of [a.g, ...(a.graphs ?? [])]) if (g) for (const t of outerNames(g)) needed.add(t);
    }
    kept.reverse();
    const graph = this.source.graph as onnx.IGraphProto;
    const imports = (this.source.opsetImport ?? []).map((o) =>
      opset !== undefined && (!o.domain || o.domain === 'ai.onnx') ? { ...o, version: Math.max(int64(o.version), opset) } : o,
    );
    const irVersion = opset !== undefined && opset >= 16 ? Math.max(int64(this.source.irVersion), 8) : this.source.irVersion;
    return {
      ...this.source,
      irVersion,
      opsetImport: imports,
      graph: {
        ...graph,
        node: kept,
        initializer: this.initializers.filter((t) => needed.has(t.name ?? '')),
        input: this.inputs.filter((i) => needed.has(i.name ?? '')),
        output: this.outputs,
        valueInfo: [...(graph.valueInfo ?? []), ...this.valueInfo].filter((v) => needed.has(v.name ?? '')),
      },
    };
  }
}

/** Every tensor name a subgraph reads (over-approximates its outer references). */
function outerNames(g: onnx.IGraphProto): string[] {
  const out: string[] = [];
  for (const n of g.node ?? []) {
    out.push(...(n.input ?? []).filter((t) => t));
    for (const a of n.attribute ?? []) for (const s of [a.g, ...(a.graphs ?? [])]) if (s) out.push(...outerNames(s));
  }
  return out;
}
