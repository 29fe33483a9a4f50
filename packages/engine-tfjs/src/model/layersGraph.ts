import type { tf } from '../tf.js';

/** The parts of a tfjs-layers `Node` the graph walker needs (the class itself is not exported by tfjs). */
export interface LayerNode {
  inboundLayers: tf.layers.Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
  outputTensors: tf.SymbolicTensor[];
}

/** One application of a layer inside the model (a layer shared by several calls has several). */
export interface GraphNode {
  key: string;
  /**
   * The layer's name in the flattened model: its own name, prefixed `outer/` for layers of a nested
   * model (`resnet50/conv1_conv`).
   */
  name: string;
  layer: tf.layers.Layer;
  /**
   * Passes its single input through instead of applying the layer: the input layer of a nested model
   * (fed by the outer model) and the nested model's own node (the output of its last layer).
   */
  identity?: boolean;
  nodeIndex: number;
  node: LayerNode;
  /** Keys of the nodes feeding this one, with the output index taken from each. */
  inputs: { key: string; tensorIndex: number }[];
}

/** A LayersModel's node graph, reached backwards from its outputs, in topological order. */
export interface LayersGraph {
  /** Nodes in topological order (inputs first). */
  order: GraphNode[];
  byKey: Map<string, GraphNode>;
  /** Layer name (flattened, see GraphNode.name) → the key of its (first) node in this model. */
  byLayer: Map<string, string>;
  /** Key of the node producing the model's first output, and which of its outputs it is. */
  output: { key: string; tensorIndex: number };
  /** Key of the node of the model's (single) input layer. */
  input: string;
}

export function nodeKey(layer: tf.layers.Layer, nodeIndex: number): string {
  return `${layer.name}#${nodeIndex}`;
}

function inboundNodes(layer: tf.layers.Layer): LayerNode[] {
  return (layer as unknown as { inboundNodes: LayerNode[] }).inboundNodes;
}

/** A functional or Sequential model used as a layer of another one. */
function isNestedModel(layer: tf.layers.Layer): layer is tf.LayersModel {
  const l = layer as unknown as { layers?: unknown; inputs?: unknown; outputs?: unknown };
  return Array.isArray(l.layers) && Array.isArray(l.inputs) && Array.isArray(l.outputs);
}

type Ref = { key: string; tensorIndex: number };

/**
 * Walks a LayersModel backwards from its outputs over `inboundNodes` → `inboundLayers`
 * (`nodeIndices`, `tensorIndices`) and returns its nodes in topological order. A nested model used as
 * a layer (a Keras application as a backbone) is expanded in place: its layers become nodes named
 * `outer/inner`, its input layer an identity node fed by the outer model, and the nested model itself
 * an identity node passing on its output, so every inner layer can be listed, read and overridden.
 */
export function layersGraph(model: tf.LayersModel): LayersGraph {
  const byKey = new Map<string, GraphNode>();
  const byLayer = new Map<string, string>();
  const order: GraphNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const add = (g: GraphNode): string => {
    byKey.set(g.key, g);
    if (!byLayer.has(g.name)) byLayer.set(g.name, g.key);
    order.push(g);
    state.set(g.key, 'done');
    return g.key;
  };

  /** How often each nested model was expanded (a second application is named `outer#2/…`). */
  const applications = new Map<tf.layers.Layer, number>();
  /**
   * tfjs builds `Sequential([backbone, …])` from the backbone's own layers (its graph is the backbone's
   * graph continued), so they are reached directly, not through a model node: name them after the
   * nested model they belong to all the same.
   */
  const owner = new Map<tf.layers.Layer, string>();
  const own = (m: tf.LayersModel, prefix: string): void => {
    for (const l of m.layers) {
      if (!isNestedModel(l)) continue;
      for (const inner of l.layers) if (!owner.has(inner)) owner.set(inner, `${prefix}${l.name}/`);
      own(l, `${prefix}${l.name}/`);
    }
  };
  own(model, '');

  /** The nodes of `m` (prefix `prefix`), its input layers fed by `fedBy` (null for the outermost model). */
  const walk = (m: tf.LayersModel, prefix: string, fedBy: Ref[] | null): { inputs: string[]; outputs: Ref[] } => {
    const inputLayers = m.inputs.map((t) => t.sourceLayer);
    const visit = (layer: tf.layers.Layer, nodeIndex: number): string => {
      const key = prefix + nodeKey(layer, nodeIndex);
      const s = state.get(key);
      if (s === 'done') return key;
      if (s === 'visiting') throw new Error(`cycle in the layer graph at ${key}`);
      state.set(key, 'visiting');
      const node = inboundNodes(layer)[nodeIndex];
      if (!node) throw new Error(`layer ${layer.name} has no inbound node ${nodeIndex}`);
      const name = (prefix === '' ? (owner.get(layer) ?? '') : prefix) + layer.name;
      const feed = fedBy ? inputLayers.indexOf(layer) : -1;
      if (feed >= 0) return add({ key, name, layer, nodeIndex, node, inputs: [fedBy![feed]!], identity: true });
      const inputs = node.inboundLayers.map((l, i) => ({ key: visit(l, node.nodeIndices[i]!), tensorIndex: node.tensorIndices[i]! }));
      if (isNestedModel(layer)) {
        if (layer.outputs.length !== 1)
          throw new Error(`nested model ${name} has ${layer.outputs.length} outputs; only single-output nested models are supported`);
        const n = (applications.get(layer) ?? 0) + 1;
        applications.set(layer, n);
        const inner = walk(layer, `${name}${n > 1 ? `#${n}` : ''}/`, inputs);
        return add({ key, name, layer, nodeIndex, node, inputs: inner.outputs, identity: true });
      }
      return add({ key, name, layer, nodeIndex, node, inputs });
    };
    // Inputs first, so that an input layer comes first even when several roots exist.
    const inputs = m.inputs.map((t) => visit(t.sourceLayer, t.nodeIndex));
    const outputs = m.outputs.map((t) => ({ key: visit(t.sourceLayer, t.nodeIndex), tensorIndex: t.tensorIndex }));
    return { inputs, outputs };
  };

  const { inputs, outputs } = walk(model, '', null);
  return { order, byKey, byLayer, output: outputs[0]!, input: inputs[0]! };
}
