import { modelError } from '../../modelError.js';
import type { TfAttrValue } from './TfAttrs.js';

/** A node of a graph-model topology (a TF `NodeDef` as JSON). */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
}

/** An input of a node: the producing node and which of its outputs. */
export interface TfInput {
  node: string;
  index: number;
}

/** `name`, `name:1` → node and output index (control inputs `^name` are dropped by `dataInputs`). */
export function parseInput(ref: string): TfInput {
  const [, node = '', index] = /^(.*?)(?::(\d+))?$/.exec(ref) as RegExpExecArray; // matches any string
  return { node, index: index === undefined ? 0 : Number(index) };
}

/** A node's data inputs (without `^control` dependencies). */
export function dataInputs(node: TfNode): TfInput[] {
  return (node.input ?? []).filter((i) => !i.startsWith('^')).map(parseInput);
}

export interface TfGraph {
  nodes: Map<string, TfNode>;
  /** The one Placeholder the output depends on. */
  input: TfNode;
  /** The model's output node. */
  output: TfNode;
  /** Every node the output needs, inputs before their consumers (Const nodes included). */
  order: TfNode[];
}

/** Output names from a serving signature `{outputs: {key: {name: 'node:0'}}}`, in key order. */
function signatureOutputs(signature: unknown): string[] {
  const outs = (signature as { outputs?: Record<string, { name?: string }> } | undefined)?.outputs;
  return outs ? Object.values(outs).map((o) => parseInput(String(o.name ?? '')).node) : [];
}

/**
 * Reads a graph-model topology: the nodes by name, the output (the signature's first, else the one
 * node nothing consumes), the nodes it needs in topological order, and its single Placeholder input.
 */
export function readTfGraph(topology: unknown, signature: unknown, file: string): TfGraph {
  const fail = (m: string, hint?: string): never => {
    throw modelError(file, m, hint);
  };
  const list = (topology as { node?: TfNode[] } | undefined)?.node;
  if (!Array.isArray(list)) return fail('the graph-model topology has no "node" list');
  const nodes = new Map(list.map((n) => [n.name, n]));
  const consumed = new Set(list.flatMap((n) => dataInputs(n).map((i) => i.node)));
  let outName = signatureOutputs(signature)[0];
  if (outName === undefined) {
    const leaves = list.filter((n) => n.op !== 'Const' && n.op !== 'NoOp' && n.op !== 'Placeholder' && !consumed.has(n.name));
    const [leaf] = leaves;
    if (!leaf || leaves.length !== 1) {
      return fail(
        `the graph has ${leaves.length} output nodes (${leaves.map((n) => n.name).join(', ') || 'none'}); Visor explains single-output classifiers`,
        'convert the model with one output',
      );
    }
    outName = leaf.name;
  }
  const output = nodes.get(outName) ?? fail(`the signature's output "${outName}" is not a node of the graph`);

  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  // Iterative DFS: converted graphs can be thousands of nodes deep.
  const stack: { node: TfNode; next: number }[] = [{ node: output, next: 0 }];
  state.set(output.name, 'visiting');
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    const ins = dataInputs(top.node);
    const ref = ins[top.next];
    if (ref) {
      top.next++;
      const dep = nodes.get(ref.node) ?? fail(`node "${top.node.name}" (${top.node.op}) reads "${ref.node}", which is not in the graph`);
      const s = state.get(dep.name);
      if (s === 'visiting') return fail(`the graph has a cycle through node "${dep.name}"`);
      if (s === undefined) {
        state.set(dep.name, 'visiting');
        stack.push({ node: dep, next: 0 });
      }
    } else {
      state.set(top.node.name, 'done');
      order.push(top.node);
      stack.pop();
    }
  }
  const placeholders = order.filter((n) => n.op === 'Placeholder');
  const [input] = placeholders;
  if (!input || placeholders.length !== 1) {
    return fail(
      `the output depends on ${placeholders.length} inputs (${placeholders.map((n) => n.name).join(', ') || 'none'}); Visor explains single-input image classifiers`,
    );
  }
  // The input first, as VisorModel.layers() lists it.
  return { nodes, input, output, order: [input, ...order.filter((n) => n !== input)] };
}
