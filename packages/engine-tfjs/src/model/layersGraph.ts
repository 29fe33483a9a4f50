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
  layer: tf.layers.Layer;
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
  /** Layer name → the key of its (first) node in this model. */
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

/**
 * Walks a LayersModel backwards from its outputs over `inboundNodes` → `inboundLayers`
 * (`nodeIndices`, `tensorIndices`) and returns its nodes in topological order. A nested model
 * used as a layer is one opaque node.
 */
export function layersGraph(model: tf.LayersModel): LayersGraph {
  const byKey = new Map<string, GraphNode>();
  const byLayer = new Map<string, string>();
  const order: GraphNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (layer: tf.layers.Layer, nodeIndex: number): string => {
    const key = nodeKey(layer, nodeIndex);
    const s = state.get(key);
    if (s === 'done') return key;
    if (s === 'visiting') throw new Error(`cycle in the layer graph at ${key}`);
    state.set(key, 'visiting');
    const node = inboundNodes(layer)[nodeIndex];
    if (!node) throw new Error(`layer ${layer.name} has no inbound node ${nodeIndex}`);
    const inputs = node.inboundLayers.map((l, i) => ({
      key: visit(l, node.nodeIndices[i]),
      tensorIndex: node.tensorIndices[i],
    }));
    const g: GraphNode = { key, layer, nodeIndex, node, inputs };
    byKey.set(key, g);
    if (!byLayer.has(layer.name)) byLayer.set(layer.name, key);
    order.push(g);
    state.set(key, 'done');
    return key;
  };

  // Inputs first, so that an input layer comes first even when several roots exist.
  const inputKeys = model.inputs.map((t) => visit(t.sourceLayer as tf.layers.Layer, t.nodeIndex));
  const outputs = model.outputs.map((t) => ({
    key: visit(t.sourceLayer as tf.layers.Layer, t.nodeIndex),
    tensorIndex: t.tensorIndex,
  }));
  return { order, byKey, byLayer, output: outputs[0], input: inputKeys[0] };
}
