import type { LayerInfo } from '@visor/core';
import type { onnx } from 'onnx-proto';
import type { OnnxModelSpec, TensorBinding } from '../OnnxModelSpec.js';
import { modelError } from '../modelError.js';
import { hasRank } from '../ofRank.js';
import { decodeModel } from '../proto/decodeModel.js';
import { GraphIndex } from '../proto/GraphIndex.js';
import { inferTensorShapes } from '../proto/inferTensorShapes.js';
import { isExternal } from '../proto/tensorData.js';
import { declaredElemType, declaredShape, tensorValueInfo, type DeclaredDim } from '../proto/valueInfo.js';
import { classifyNode } from './classifyNode.js';
import { detectInputLayout } from './detectInputLayout.js';
import { findHead } from './findHead.js';
import { layerParams, layerWeights } from './layerWeights.js';
import { channelsLast, tensorLayouts } from './tensorLayouts.js';

export interface DescribeOptions {
  /** [height, width] for a model whose spatial input size is not fixed in the file. */
  inputSize?: [number, number];
}

const FLOAT_TYPES = new Set(['float32', 'float64', 'float16']);

/**
 * Reads an ONNX file into an OnnxModelSpec: the single image input and its layout (NCHW or NHWC),
 * the layers (every data tensor a node makes, named by its ONNX name, in topological order, shapes
 * channels-last), the head (logits, output, final activation) and the head weights. Spatial sizes the
 * file leaves free are pinned to `inputSize`; the batch axis may stay free.
 */
export async function describeOnnxModel(bytes: Uint8Array, file: string, options: DescribeOptions = {}): Promise<OnnxModelSpec> {
  const model = decodeModel(bytes, file);
  const original = new GraphIndex(model);
  const external = (model.graph?.initializer ?? []).find(isExternal);
  if (external) {
    throw modelError(
      file,
      `keeps its weights in external data files (initializer '${external.name}')`,
      'Save the model as a single .onnx file (onnx.save_model(model, path, save_as_external_data=False)); Visor reads the bytes of one file.',
    );
  }
  const input = imageInput(original, file);
  const name = input.name ?? '';
  const dims = declaredShape(input);
  if (!dims || !hasRank(dims, 4)) {
    throw modelError(
      file,
      `input '${name}' has shape ${JSON.stringify(dims)}; Visor explains image classifiers with a 4-D input [N, H, W, C] or [N, C, H, W]`,
      'Export the model with a 4-D image input.',
    );
  }
  const layout = detectInputLayout(original, name, dims);
  if (!layout) {
    throw modelError(
      file,
      `cannot tell whether input '${name}' ${JSON.stringify(dims)} is NCHW or NHWC: no Conv or Transpose reads it and no axis has 1, 3 or 4 channels`,
      'Export the model with a fixed channel count, or feed it through a Conv.',
    );
  }
  const [hAxis, wAxis, cAxis] = layout === 'NCHW' ? [2, 3, 1] : [1, 2, 3];
  const channels = dims[cAxis];
  if (typeof channels !== 'number') {
    throw modelError(
      file,
      `input '${name}' has no fixed channel count (${layout}, dims ${JSON.stringify(dims)})`,
      'Export the model with a fixed number of channels.',
    );
  }
  const pinned = [...dims];
  if (pinned[0] === null) pinned[0] = 'N';
  for (const [i, axis] of [[0, hAxis] as const, [1, wAxis] as const]) {
    if (typeof dims[axis] === 'number') continue;
    if (!options.inputSize) {
      throw modelError(
        file,
        `input '${name}' has a free spatial size (${layout} ${JSON.stringify(dims)})`,
        'Give the input size the model expects (inputSize: [height, width] in the config, or visor explain --input-size HxW), or export it with a fixed size.',
      );
    }
    pinned[axis] = options.inputSize[i];
  }
  const pinnedModel = withInput(model, name, tensorValueInfo(name, declaredElemType(input), pinned as DeclaredDim[]));
  const index = new GraphIndex(pinnedModel);
  const shapes = await inferTensorShapes(pinnedModel, file);
  const layouts = tensorLayouts(index, name, layout, shapes);

  const head = findHead(index);
  const outInfo = shapes.get(head.output);
  if (!outInfo || outInfo.dims.length !== 2 || !FLOAT_TYPES.has(outInfo.type)) {
    throw modelError(
      file,
      `output '${head.output}' has shape ${JSON.stringify(outInfo?.dims ?? null)} (${outInfo?.type ?? 'unknown type'}); Visor explains classifiers with one output [N, classes]`,
      'Export the model with the class scores as its first output.',
    );
  }

  const batch = typeof pinned[0] === 'number' ? pinned[0] : null;
  const inputShape = [batch, pinned[hAxis], pinned[wAxis], channels] as (number | null)[];
  const layers: LayerInfo[] = [{ name, className: 'Input', kind: 'input', outputShape: inputShape, inbound: [] }];
  const bindings = new Map<string, TensorBinding>([[name, { tensor: name, layout }]]);
  const nodeOf = new Map<string, { node: onnx.INodeProto; kind: string }>();
  for (const node of index.nodes) {
    const cls = classifyNode(node, index, layouts);
    const inbound = (node.input ?? []).filter((t) => t && bindings.has(t));
    for (const t of node.output ?? []) {
      const info = t ? shapes.get(t) : undefined;
      if (!t || !info || index.isStatic(t) || !FLOAT_TYPES.has(info.type)) continue;
      const tl = layouts.get(t) ?? 'flat';
      const layer: LayerInfo = {
        name: t,
        className: node.opType ?? '',
        kind: cls.kind,
        outputShape: channelsLast(info.dims, tl),
        inbound,
      };
      if (cls.activation) layer.activation = cls.activation;
      const params = layerParams(node, cls.kind, index);
      if (params > 0) layer.params = params;
      layers.push(layer);
      bindings.set(t, { tensor: t, layout: tl });
      nodeOf.set(t, { node, kind: cls.kind });
    }
  }

  return {
    proto: pinnedModel,
    input: { name, layout, shape: [pinned[hAxis] as number, pinned[wAxis] as number, channels] },
    layers,
    bindings,
    logits: head.logits,
    output: head.output,
    outputLayer: head.output,
    finalActivation: head.finalActivation,
    shapes,
    weights(layerName: string) {
      const entry = nodeOf.get(layerName);
      return entry ? layerWeights(entry.node, entry.kind, index) : [];
    },
  };
}

/** The one image input: graph inputs minus initializers (older exports list weights as inputs too). */
function imageInput(index: GraphIndex, file: string): onnx.IValueInfoProto {
  const inputs = index.inputs;
  const [only] = inputs;
  if (only && inputs.length === 1) return only;
  if (inputs.length === 0) throw modelError(file, 'has no graph input', 'Export the model with its image as a graph input.');
  throw modelError(
    file,
    `has ${inputs.length} inputs (${inputs.map((i) => `'${i.name}'`).join(', ')}); Visor explains models with one image input`,
    'Export the model with the image as its only input (fold the other inputs into constants).',
  );
}

/** A shallow copy of the model with one graph input's declaration replaced. */
function withInput(model: onnx.IModelProto, name: string, info: onnx.IValueInfoProto): onnx.IModelProto {
  const graph = model.graph as onnx.IGraphProto;
  return { ...model, graph: { ...graph, input: (graph.input ?? []).map((i) => (i.name === name ? info : i)) } };
}
