import type { LayerInfo } from '@visor/core';
import type { OnnxModelSpec, TensorBinding } from '../../OnnxModelSpec.js';
import { decodeWeights } from '../decodeWeights.js';
import { GraphEmitter } from '../GraphEmitter.js';
import { modelError } from '../../modelError.js';
import { specWeights } from '../specWeights.js';
import type { TfjsArtifacts } from '../TfjsArtifacts.js';
import { transposeData } from '../transposeData.js';
import { hasRank } from '../../ofRank.js';
import { TO_NCHW, type Value } from '../Value.js';
import type { ConstData, GraphOpContext, GraphOpOutput } from './GraphOpContext.js';
import { GRAPH_OP_CONVERTERS } from './graphOpConverters.js';
import { TfAttrs } from './TfAttrs.js';
import { dataInputs, readTfGraph, type TfNode } from './tfGraph.js';

const IDENTITY_OPS = new Set(['Identity', 'IdentityN', 'StopGradient', 'Snapshot', 'PreventGradient']);

/**
 * Converts a TF.js graph model into an ONNX graph: one node group per TF node, each node's (first)
 * output written to a tensor named after the node; `Const` nodes become initializers where used,
 * image-shaped values are computed NCHW. Layers are the non-constant nodes with their TF names.
 */
export function convertGraphModel(artifacts: TfjsArtifacts, file: string): OnnxModelSpec {
  const g = readTfGraph(artifacts.modelTopology, artifacts.signature, file);
  const weights = decodeWeights(artifacts, file);
  const e = new GraphEmitter();
  for (const n of g.order) if (n.op !== 'Const') e.b.reserve(n.name);
  const consts = new Map<string, ConstData>();
  const values = new Map<string, Value>();
  const results = new Map<string, GraphOpOutput>();
  const materialized = new Map<string, string>();
  const layers: LayerInfo[] = [];
  const bindings = new Map<string, TensorBinding>();
  let input: OnnxModelSpec['input'] | undefined;

  for (const node of g.order) {
    const fail = (m: string, hint?: string): never => {
      throw modelError(file, `node "${node.name}" (${node.op}): ${m}`, hint);
    };
    if (node.op === 'Const') {
      const w = weights.get(node.name) ?? fail('has no value in the weights manifest');
      consts.set(node.name, { data: w.data, shape: w.shape });
      continue;
    }
    const attrs = new TfAttrs(node.attr ?? {}, (m) => fail(m));
    if (node.op === 'Placeholder') {
      const shape = attrs.shape('shape');
      const channels = shape?.[3];
      if (!shape || !hasRank(shape, 4) || channels === null || channels === undefined) {
        return fail(
          `has shape ${shape ? `[${shape.map(String).join(', ')}]` : 'of unknown rank'}; Visor explains image classifiers with an input [batch, height, width, channels]`,
        );
      }
      const [, h, w] = shape;
      e.b.input(node.name, ['N', h ?? 'H', w ?? 'W', channels]);
      input = { name: node.name, layout: 'NHWC', shape: [h, w, channels] };
      const value: Value = { tensor: node.name, shape: [null, h, w, channels], layout: 'NHWC' };
      values.set(node.name, value);
      bindings.set(node.name, { tensor: node.name, layout: 'NHWC' });
      layers.push({ name: node.name, className: 'Placeholder', kind: 'input', outputShape: [...value.shape], inbound: [] });
      continue;
    }
    const ins = dataInputs(node);
    for (const i of ins) if (i.index !== 0) fail(`reads output ${i.index} of "${i.node}"; only first outputs are supported`);
    const passed = IDENTITY_OPS.has(node.op) && ins[0] ? consts.get(ins[0].node) : undefined;
    if (passed) {
      consts.set(node.name, passed);
      continue;
    }
    const convert = GRAPH_OP_CONVERTERS[node.op];
    if (!convert)
      return fail(
        'this op has no ONNX mapping',
        `supported ops: ${Object.keys(GRAPH_OP_CONVERTERS).join(', ')}; use a tfjs backend (backend: tensorflow | wasm | cpu) for this model`,
      );
    const constant = (i: number): ConstData => {
      const ref = ins[i] ?? fail(`has no input ${i}`);
      return consts.get(ref.node) ?? fail(`input ${i} ("${ref.node}") must be a constant`);
    };
    const ctx: GraphOpContext = {
      e,
      node,
      name: node.name,
      attrs,
      arity: ins.length,
      isConst: (i) => consts.has(ins[i]?.node ?? ''),
      constant,
      ints: (i) => Array.from(constant(i).data),
      tensor: (i, like) => {
        const ref = ins[i] ?? fail(`has no input ${i}`);
        const v = values.get(ref.node);
        if (v) return v;
        const c = constant(i);
        // A constant against an NCHW tensor is padded to rank 4 (TF broadcasting) and stored NCHW.
        const nchw = like?.layout === 'NCHW' && c.shape.length >= 1 && c.shape.length <= 4 && c.data.length > 1;
        const key = `${ref.node}|${nchw}`;
        const dims = nchw ? [...new Array<number>(4 - c.shape.length).fill(1), ...c.shape] : c.shape;
        let name = materialized.get(key);
        if (!name) {
          const data = Float32Array.from(c.data);
          // nchw: dims has rank 4, so dims[p] exists.
          name = nchw
            ? e.b.floatInit(
                ref.node,
                transposeData(data, dims, TO_NCHW),
                TO_NCHW.map((p) => dims[p]!),
              )
            : e.b.floatInit(ref.node, data, dims);
          materialized.set(key, name);
        }
        return { tensor: name, shape: dims, layout: nchw ? 'NCHW' : 'flat' };
      },
      keep: (c) => {
        if (c.data instanceof Float32Array) e.keep(node.name, { init: c.data, onnxShape: c.shape, perm: c.shape.map((_, k) => k), trainable: true });
      },
      fail,
    };
    const out = convert(ctx);
    values.set(node.name, out.value);
    results.set(node.name, out);
    bindings.set(node.name, { tensor: out.value.tensor, layout: out.value.layout });
    const info: LayerInfo = {
      name: node.name,
      className: node.op,
      kind: out.kind,
      outputShape: [...out.value.shape],
      inbound: ins.filter((i) => values.has(i.node)).map((i) => i.node),
    };
    if (out.activation !== undefined) info.activation = out.activation;
    const params = (e.kept.get(node.name) ?? []).reduce((n, w) => n + w.onnxShape.reduce((a, b) => a * b, 1), 0);
    if (params > 0) info.params = params;
    layers.push(info);
  }
  const fileFail = (m: string): never => {
    throw modelError(file, m);
  };
  if (!input) return fileFail('the graph has no Placeholder input');
  const output = values.get(g.output.name) ?? fileFail(`the output node "${g.output.name}" is a constant`);
  if (output.shape.length !== 2) {
    return fileFail(
      `the output "${g.output.name}" has shape [${output.shape.map(String).join(', ')}]; Visor explains classifiers with an output [batch, classes]`,
    );
  }
  // The node that computes the output, through trailing identities.
  // The node `node` reads (its first data input): every node in the graph's order had its inputs converted.
  const source = (node: TfNode): string => dataInputs(node)[0]?.node ?? fileFail(`node "${node.name}" (${node.op}) has no input`);
  let head: TfNode = g.output;
  while (IDENTITY_OPS.has(head.op)) head = g.nodes.get(source(head)) as TfNode;
  const headOut = results.get(head.name);
  let finalActivation: OnnxModelSpec['finalActivation'] = 'linear';
  let logits = output.tensor;
  if (head.op === 'Softmax' || head.op === 'Sigmoid') {
    finalActivation = head.op === 'Softmax' ? 'softmax' : 'sigmoid';
    logits = (values.get(source(head)) as Value).tensor;
  } else if ((headOut?.activation === 'sigmoid' || headOut?.activation === 'softmax') && headOut.preactivation) {
    finalActivation = headOut.activation;
    logits = headOut.preactivation;
  }
  e.b.output(output.tensor);
  const graphName = g.output.name.split('/')[0] || 'graph';
  return {
    proto: e.b.modelProto(graphName),
    input,
    layers,
    bindings,
    logits,
    output: output.tensor,
    outputLayer: g.output.name,
    finalActivation,
    weights: specWeights(e, new Set(layers.map((l) => l.name)), file),
  };
}
