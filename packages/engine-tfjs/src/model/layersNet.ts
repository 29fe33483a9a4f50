import { tf } from '../tf.js';
import type { LayerInfo } from '@visor/core';
import type { TfjsNet } from './TfjsNet.js';
import { VisorError } from '@visor/core';
import { classScoresFromRun } from './classScoresFromRun.js';
import { closestNames } from '@visor/core';
import { layerActivation } from './layerActivation.js';
import { disposeLayersModel } from '../keras/disposeLayersModel.js';
import { layerKind } from './layerKind.js';
import { layersGraph, type GraphNode } from './layersGraph.js';

export interface WrapOptions {
  /** Whether `dispose()` frees the tfjs model (true for models Visor loaded itself). Default false. */
  owned?: boolean;
}

/** How the model's logits are obtained from its graph. */
type Head =
  /** The output layer is a Dense with a fused softmax or sigmoid: logits = its input × kernel + bias. */
  | 'fused-dense'
  /** The output layer is an Activation('softmax' | 'sigmoid') or Softmax layer: logits = its input. */
  | 'softmax-layer'
  /** The output layer has no output activation (linear), or one that is not a probability: logits = output. */
  | 'raw';

const LOGITS = 'logits';
const PROBABILITIES = 'probabilities';

function shapeOf(node: GraphNode): (number | null)[] {
  const t = node.node.outputTensors[0];
  return t ? [...t.shape] : [];
}

/**
 * Wraps a tfjs LayersModel (Sequential or functional, channels-last image classifier with one
 * input [N, H, W, C] and an output [N, K]) as a VisorModel.
 *
 * `run` walks the model's own node graph and calls `layer.apply` in inference mode (BatchNorm uses
 * its moving statistics, Dropout is the identity), computing only what the requested outputs need.
 */
export function layersNet(model: tf.LayersModel, source = 'in-memory LayersModel', options: WrapOptions = {}): TfjsNet {
  const fail = (msg: string, hint?: string): never => {
    throw new VisorError(`${source}: ${msg}`, { code: 'model', file: source, hint });
  };
  if (model.inputs.length !== 1) fail(`expected a model with one input, got ${model.inputs.length}`);
  const inShape = model.inputs[0]!.shape;
  if (inShape.length !== 4) {
    fail(`expected an image input of shape [batch, height, width, channels], got [${inShape.map(String).join(', ')}]`);
  }
  const outShape = model.outputs[0]!.shape;
  if (outShape.length !== 2) {
    fail(`expected a classifier output of shape [batch, classes], got [${outShape.map(String).join(', ')}]`);
  }

  const graph = layersGraph(model);
  const outNode = graph.byKey.get(graph.output.key) as GraphNode;
  const outLayer = outNode.layer;
  const outActivation = layerActivation(outLayer);
  const outClass = outLayer.getClassName();
  // The head's own output activation (softmax or sigmoid): logits are what goes into it.
  const splitsOff = outActivation === 'softmax' || outActivation === 'sigmoid';
  const isActivationLayer = (outClass === 'Activation' && splitsOff) || outClass === 'Softmax';
  let head: Head = 'raw';
  if (isActivationLayer) head = 'softmax-layer';
  else if (splitsOff) {
    if (outClass !== 'Dense') {
      fail(`the output layer "${outNode.name}" (${outClass}) has a fused ${outActivation}; only Dense heads can be split into logits`);
    }
    head = 'fused-dense';
  }
  const finalActivation = outActivation ?? 'linear';
  const numClasses = outShape[1] ?? fail('the output has an unknown number of classes');

  const infos: LayerInfo[] = graph.order.map((g) => {
    const act = layerActivation(g.layer);
    const className = g.layer.getClassName();
    const outputShape = shapeOf(g);
    const info: LayerInfo = {
      name: g.name,
      className,
      kind: layerKind(className, act, outputShape.length),
      outputShape,
      inbound: g.inputs.map((i) => (graph.byKey.get(i.key) as GraphNode).name),
    };
    if (act !== undefined) info.activation = act;
    const params = g.identity ? 0 : g.layer.countParams(); // a nested model's weights are counted at its own layers
    if (params > 0) info.params = params;
    return info;
  });
  // A shared layer appears once (its first call).
  const seen = new Set<string>();
  const layerInfos = infos.filter((i) => (seen.has(i.name) ? false : (seen.add(i.name), true)));
  const names = layerInfos.map((i) => i.name);

  const unknown = (name: string, what: string): never =>
    fail(
      `no layer named "${name}"${what}; closest: ${closestNames(name, names).join(', ')}`,
      `use one of the model's ${names.length} layer names (list them with \`visor models ${source}\`)`,
    );

  const getNode = (name: string, what = ''): GraphNode => {
    const key = graph.byLayer.get(name);
    if (key === undefined) return unknown(name, what);
    return graph.byKey.get(key) as GraphNode;
  };

  const run = (x: tf.Tensor4D, outputs: string[], overrides: Record<string, tf.Tensor> = {}): tf.Tensor[] => {
    for (const o of outputs) if (o !== LOGITS && o !== PROBABILITIES) getNode(o, ' (requested output)');
    for (const o of Object.keys(overrides)) getNode(o, ' (override)');
    const given = new Set<tf.Tensor>([x, ...Object.values(overrides)]);

    const isLeaf = (g: GraphNode) => overrides[g.name] !== undefined || g.key === graph.input;
    // The nodes the requested outputs read directly: kept until the end of the pass.
    const pinned = new Set<string>();
    const headInputs = () => outNode.inputs.map((i) => i.key);
    for (const o of outputs) {
      if (o === LOGITS) {
        if (head === 'raw' || overrides[outNode.name] !== undefined) pinned.add(outNode.key);
        else headInputs().forEach((k) => pinned.add(k));
      } else if (o === PROBABILITIES) {
        pinned.add(outNode.key);
      } else {
        pinned.add(getNode(o).key);
      }
    }
    // Everything they depend on, and how many evaluated nodes consume each (so that intermediates
    // are freed as soon as their last consumer ran: peak memory close to model.predict's).
    const consumers = new Map<string, number>();
    const needed = new Set<string>();
    const need = (key: string): void => {
      if (needed.has(key)) return;
      needed.add(key);
      const g = graph.byKey.get(key) as GraphNode;
      if (isLeaf(g)) return;
      for (const i of g.inputs) {
        consumers.set(i.key, (consumers.get(i.key) ?? 0) + 1);
        need(i.key);
      }
    };
    pinned.forEach(need);

    return tf.tidy(() => {
      const cache = new Map<string, tf.Tensor[]>();
      // A layer may return its input tensor itself (Dropout at inference): count cache references.
      const refs = new Map<tf.Tensor, number>();
      const release = (key: string): void => {
        const left = (consumers.get(key) ?? 0) - 1;
        consumers.set(key, left);
        if (left > 0 || pinned.has(key)) return;
        for (const t of cache.get(key) ?? []) {
          const r = (refs.get(t) ?? 1) - 1;
          refs.set(t, r);
          if (r === 0 && !given.has(t)) t.dispose();
        }
        cache.delete(key);
      };
      const evalNode = (g: GraphNode): tf.Tensor[] => {
        const hit = cache.get(g.key);
        if (hit) return hit;
        let out: tf.Tensor[];
        const ov = overrides[g.name];
        if (ov !== undefined) out = [ov];
        else if (g.key === graph.input) out = [x];
        else if (g.inputs.length === 0) {
          return fail(`layer "${g.name}" has no inputs and is not the model input`);
        } else if (g.identity) {
          out = [inputsOf(g)[0]!];
        } else {
          const ins = inputsOf(g);
          const res = g.layer.apply(ins.length === 1 ? ins[0]! : ins, { training: false });
          out = Array.isArray(res) ? (res as tf.Tensor[]) : [res as tf.Tensor];
        }
        // Count this node's reference before its inputs are released: an identity node (or a layer
        // returning its input, like Dropout at inference) hands on the very tensor its input holds.
        for (const t of out) refs.set(t, (refs.get(t) ?? 0) + 1);
        cache.set(g.key, out);
        if (ov === undefined && g.key !== graph.input) for (const i of g.inputs) release(i.key);
        return out;
      };
      const inputsOf = (g: GraphNode): tf.Tensor[] => g.inputs.map((i) => evalNode(graph.byKey.get(i.key) as GraphNode)[i.tensorIndex]!);
      const modelOutput = (): tf.Tensor => evalNode(outNode)[graph.output.tensorIndex]!;

      const logits = (): tf.Tensor => {
        if (head === 'raw') return modelOutput();
        if (overrides[outNode.name] !== undefined) {
          return fail(`cannot compute logits when the output layer "${outNode.name}" (its activation applied) is overridden`);
        }
        const [input] = inputsOf(outNode);
        if (head === 'softmax-layer') return input!;
        // Dense weights in tfjs order: [kernel [C, K], bias [K]] (no bias when useBias is false).
        const [kernel, bias] = outLayer.getWeights();
        const flat = input!.rank > 2 ? input!.reshape([-1, input!.shape[input!.rank - 1]!]) : input;
        let z = tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D) as tf.Tensor;
        if (bias) z = tf.add(z, bias);
        return input!.rank > 2 ? z.reshape([...input!.shape.slice(0, -1), numClasses]) : z;
      };
      const probabilities = (): tf.Tensor => (head === 'raw' ? tf.softmax(logits()) : modelOutput());

      const results = outputs.map((o) => {
        const t = o === LOGITS ? logits() : o === PROBABILITIES ? probabilities() : evalNode(getNode(o))[0]!;
        // Never hand back the caller's own tensors: the caller owns what run returns.
        return given.has(t) ? tf.clone(t) : t;
      });
      return results;
    });
  };

  const net: TfjsNet = {
    source,
    kind: 'layers',
    inputShape: [inShape[1]!, inShape[2]!, inShape[3] ?? fail('the input has an unknown number of channels')],
    numClasses,
    finalActivation,
    outputLayer: outNode.name,
    layers: () => layerInfos.map((i) => ({ ...i, outputShape: [...i.outputShape], inbound: [...i.inbound] })),
    layer: (name: string) => {
      const info = layerInfos.find((i) => i.name === name);
      if (!info) return unknown(name, '');
      return { ...info, outputShape: [...info.outputShape], inbound: [...info.inbound] };
    },
    weights: (name: string) => getNode(name).layer.getWeights(),
    weightNames: (name: string) => getNode(name).layer.weights.map((w) => w.originalName),
    classScores: classScoresFromRun(run),
    run,
    tfModel: model,
    dispose: () => {
      if (options.owned) disposeLayersModel(model); // also the weights of nested models, which model.dispose() leaves
    },
  };
  return net;
}
