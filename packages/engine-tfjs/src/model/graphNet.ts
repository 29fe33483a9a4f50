import { tf } from '../tf.js';
import type { LayerInfo } from '@visor/core';
import type { TfjsNet } from './TfjsNet.js';
import { VisorError } from '@visor/core';
import { classScoresFromRun } from './classScoresFromRun.js';
import { closestNames } from '@visor/core';
import { layerKind } from './layerKind.js';
import type { WrapOptions } from './layersNet.js';

/** The parts of a tfjs-converter graph node used here (the executor's graph is not public API). */
interface GNode {
  name: string;
  op: string;
  inputNames: string[];
  inputs: GNode[];
  attrParams: Record<string, { value?: unknown } | undefined>;
}
interface GGraph {
  nodes: Record<string, GNode>;
  inputs: GNode[];
  outputs: GNode[];
}

const LOGITS = 'logits';
const PROBABILITIES = 'probabilities';
const ACTIVATION_OPS: Record<string, string> = {
  Relu: 'relu',
  Relu6: 'relu6',
  Elu: 'elu',
  Selu: 'selu',
  Sigmoid: 'sigmoid',
  Softmax: 'softmax',
  Tanh: 'tanh',
  LeakyRelu: 'leaky_relu',
  Prelu: 'prelu',
};
const IDENTITY_OPS = new Set(['Identity', 'IdentityN', 'StopGradient', 'Snapshot']);

/** The activation a graph node applies: its own op, or the last of a fused op's `fused_ops`. */
function nodeActivation(node: GNode): string | undefined {
  const direct = ACTIVATION_OPS[node.op];
  if (direct) return direct;
  const fused = node.attrParams['fusedOps']?.value;
  if (Array.isArray(fused) && fused.length > 0) {
    const last = String(fused[fused.length - 1]);
    return ACTIVATION_OPS[last] ?? (last === 'BiasAdd' ? 'linear' : undefined);
  }
  return undefined;
}

function executorGraph(model: tf.GraphModel): GGraph {
  const g = (model as unknown as { executor?: { graph?: GGraph } }).executor?.graph;
  if (!g || !g.nodes) throw new Error('GraphModel has no executor graph (is it loaded?)');
  return g;
}

/**
 * Wraps a tfjs GraphModel (one image input [N, H, W, C], one output [N, K]) as a VisorModel.
 * `layers()` lists the graph's operation nodes (constants excluded) with the op as className;
 * `run` feeds the input and any overrides to `model.execute` (which computes only what the
 * requested nodes need); logits are the input of a final Softmax or Sigmoid node.
 * Output shapes are inferred once, lazily, by executing the graph on a zero image when H and W
 * are known (unknown dimensions are null).
 */
export function graphNet(model: tf.GraphModel, source = 'in-memory GraphModel', options: WrapOptions = {}): TfjsNet {
  const fail = (msg: string, hint?: string): never => {
    throw new VisorError(`${source}: ${msg}`, { code: 'model', file: source, hint });
  };
  const graph = executorGraph(model);
  if (model.inputs.length !== 1) fail(`expected a graph model with one input, got ${model.inputs.length}`);
  if (model.outputs.length < 1) fail('the graph model has no output');
  const inInfo = model.inputs[0]!;
  const inShape = (inInfo.shape ?? []).map((d) => (d === -1 ? null : d));
  if (inShape.length !== 4) {
    fail(`expected an image input of shape [batch, height, width, channels], got [${inShape.map(String).join(', ')}]`);
  }
  const inputNode = inInfo.name.split(':')[0]!;
  const outputName = model.outputs[0]!.name.split(':')[0]!;
  const baseName = (n: string): string => n.replace(/^\^/, '').split(':')[0]!;

  // Walk past trailing identity nodes to find the op that defines the output.
  let head = graph.nodes[outputName] ?? fail(`output node "${outputName}" is not in the graph`);
  while (IDENTITY_OPS.has(head.op) && head.inputNames.length > 0) {
    head = graph.nodes[baseName(head.inputNames[0]!)] ?? head;
  }
  // A final Softmax or Sigmoid node is the head's output activation: the logits are its input.
  const endsInSoftmax = head.op === 'Softmax' || head.op === 'Sigmoid';
  const logitNode = endsInSoftmax ? baseName(head.inputNames[0]!) : outputName;
  const finalActivation = nodeActivation(head) ?? 'linear';
  if (!endsInSoftmax && (finalActivation === 'softmax' || finalActivation === 'sigmoid')) {
    fail(
      `the output node "${head.name}" (${head.op}) has a fused ${finalActivation}; its logits cannot be split off. Re-export the model without fusing the output activation`,
    );
  }

  // Topological order of the non-constant nodes reachable from the output, the input first.
  const order: GNode[] = [];
  const seen = new Set<string>();
  const visit = (n: GNode): void => {
    if (seen.has(n.name)) return;
    seen.add(n.name);
    for (const i of n.inputs) visit(i);
    if (n.op !== 'Const') order.push(n);
  };
  visit(graph.nodes[inputNode] ?? fail(`input node "${inputNode}" is not in the graph`));
  for (const o of graph.outputs) visit(o);
  const names = order.map((n) => n.name);
  const nameSet = new Set(names);

  const unknown = (name: string, what: string): never =>
    fail(
      `no node named "${name}"${what}; closest: ${closestNames(name, names).join(', ')}`,
      `use one of the graph's ${names.length} node names (list them with \`visor models ${source}\`)`,
    );
  const check = (name: string, what = ''): string => (nameSet.has(name) ? name : unknown(name, what));

  const run = (x: tf.Tensor4D, outputs: string[], overrides: Record<string, tf.Tensor> = {}): tf.Tensor[] => {
    for (const o of outputs) if (o !== LOGITS && o !== PROBABILITIES) check(o, ' (requested output)');
    for (const o of Object.keys(overrides)) check(o, ' (override)');
    if (overrides[outputName] !== undefined && outputs.includes(LOGITS) && endsInSoftmax && overrides[logitNode] === undefined) {
      fail(`cannot compute logits when the softmax output node "${outputName}" is overridden`);
    }
    const given = new Set<tf.Tensor>([x, ...Object.values(overrides)]);
    return tf.tidy(() => {
      const wanted = outputs.map((o) => (o === LOGITS ? logitNode : o === PROBABILITIES ? (endsInSoftmax ? outputName : logitNode) : o));
      const unique = [...new Set(wanted)];
      const feeds: tf.NamedTensorMap = { [inputNode]: x, ...overrides };
      const res = model.execute(feeds, unique);
      const got = Array.isArray(res) ? res : [res];
      const byName = new Map(unique.map((n, i) => [n, got[i]]));
      return outputs.map((o, i) => {
        let t = byName.get(wanted[i]!) as tf.Tensor;
        if (o === PROBABILITIES && !endsInSoftmax) t = tf.softmax(t);
        return given.has(t) ? tf.clone(t) : t;
      });
    });
  };

  let infos: LayerInfo[] | undefined;
  const layerInfos = (): LayerInfo[] => {
    if (infos) return infos;
    const shapes = new Map<string, (number | null)[]>();
    const [, h, w, c] = inShape;
    if (h !== null && w !== null && c !== null) {
      const probe = tf.zeros([1, h!, w!, c!]) as tf.Tensor4D;
      const others = names.filter((n) => n !== inputNode);
      const outs = model.execute({ [inputNode]: probe }, others);
      const arr = Array.isArray(outs) ? outs : [outs];
      others.forEach((n, i) => shapes.set(n, [null, ...arr[i]!.shape.slice(1)]));
      tf.dispose(arr);
      probe.dispose();
    }
    shapes.set(inputNode, inShape);
    infos = order.map((n) => {
      const act = nodeActivation(n);
      const outputShape = shapes.get(n.name) ?? [];
      const info: LayerInfo = {
        name: n.name,
        className: n.op,
        kind: layerKind(n.op, act, outputShape.length),
        outputShape,
        inbound: n.inputs.filter((i) => i.op !== 'Const').map((i) => i.name),
      };
      if (act !== undefined) info.activation = act;
      return info;
    });
    return infos;
  };

  const outShape = model.outputs[0]!.shape ?? [];
  let numClasses = outShape[outShape.length - 1] ?? -1;
  if (numClasses === -1) {
    const shape = layerInfos().find((i) => i.name === outputName)?.outputShape ?? [];
    numClasses = shape[shape.length - 1] ?? fail('the output has an unknown number of classes');
  }

  const copy = (i: LayerInfo): LayerInfo => ({ ...i, outputShape: [...i.outputShape], inbound: [...i.inbound] });
  return {
    source,
    kind: 'graph',
    inputShape: [inShape[1]!, inShape[2]!, inShape[3] ?? fail('the input has an unknown number of channels')],
    numClasses,
    finalActivation,
    outputLayer: outputName,
    layers: () => layerInfos().map(copy),
    layer: (name: string) => copy(layerInfos().find((i) => i.name === check(name)) as LayerInfo),
    weights: (name: string) => {
      const node = graph.nodes[check(name)]!;
      const weights = model.weights;
      return node.inputs.filter((i) => i.op === 'Const' && weights[i.name]).flatMap((i) => weights[i.name]!);
    },
    weightNames: (name: string) => {
      const node = graph.nodes[check(name)]!;
      return node.inputs.filter((i) => i.op === 'Const' && model.weights[i.name]).map((i) => i.name);
    },
    classScores: classScoresFromRun(run),
    run,
    tfModel: model,
    dispose: () => {
      if (options.owned) model.dispose();
    },
  };
}
