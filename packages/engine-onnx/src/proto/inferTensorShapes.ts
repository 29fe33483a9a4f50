import type { onnx } from 'onnx-proto';
import { ort, sessionFactory } from '../runtime/ort.js';
import { modelError, sessionError } from '../modelError.js';
import { GraphIndex } from './GraphIndex.js';
import { proto } from './onnxProto.js';
import { declaredElemType, declaredShape } from './valueInfo.js';
import type { TensorInfo, TensorShapes } from './TensorShapes.js';

const ORT_TYPES: Record<number, 'float32' | 'float64'> = { 1: 'float32', 11: 'float64' };

/**
 * The type and shape of the graph input and every node output, from ONNX Runtime's own shape inference: the graph is
 * loaded once with every node output declared as a graph output and optimisation off, and the
 * session's output metadata read (on ResNet-50 ≈ 0.25 s, nothing is run). Sizes that inference
 * leaves symbolic (other than the batch symbol) are measured by running the graph on zeros, at batch
 * 1 and 2 when the batch is free, so sizes that follow the batch are told apart from fixed ones.
 *
 * The graph's input must have fixed spatial sizes (describeOnnxModel pins them first).
 */
export async function inferTensorShapes(model: onnx.IModelProto, file: string): Promise<TensorShapes> {
  const index = new GraphIndex(model);
  const graph = index.graph;
  const input = index.inputs[0];
  if (!input) throw modelError(file, 'has no graph input', 'Export the model with its image as a graph input.');
  const inputDims = declaredShape(input) ?? [];
  const batchSymbol = typeof inputDims[0] === 'number' ? undefined : inputDims[0];
  const declared = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const extra: onnx.IValueInfoProto[] = [];
  for (const node of index.nodes) for (const t of node.output ?? []) if (t && !declared.has(t)) extra.push({ name: t });
  const probe = proto.ModelProto.encode({ ...model, graph: { ...graph, output: [...(graph.output ?? []), ...extra] } }).finish();

  let session: ort.InferenceSession;
  try {
    session = await sessionFactory.create(probe, { graphOptimizationLevel: 'disabled', intraOpNumThreads: 1, logSeverityLevel: 3 });
  } catch (e) {
    throw sessionError(file, 'the model', e);
  }
  try {
    const shapes: TensorShapes = new Map();
    for (const i of index.inputs) {
      const dims = (declaredShape(i) ?? []).map((d) => (typeof d === 'number' ? d : null));
      shapes.set(i.name ?? '', { type: ORT_TYPES[declaredElemType(i)] ?? 'unknown', dims });
    }
    const unresolved: string[] = [];
    for (const m of session.outputMetadata) {
      if (!m.isTensor) continue;
      const dims = m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : d === batchSymbol ? null : NaN));
      shapes.set(m.name, { type: m.type, dims });
      // Shape arithmetic (often scalars, reported with an empty shape) is never needed.
      if (!index.isStatic(m.name) && (dims.some((d) => Number.isNaN(d)) || m.shape.length === 0)) unresolved.push(m.name);
    }
    if (unresolved.length > 0) await measure(session, input, inputDims, batchSymbol !== undefined, unresolved, shapes);
    return shapes;
  } finally {
    await session.release();
  }
}

/** Fills unknown sizes from runs on zeros; a size that differs between batch 1 and 2 follows the batch. */
async function measure(
  session: ort.InferenceSession,
  input: onnx.IValueInfoProto,
  inputDims: (number | string | null)[],
  freeBatch: boolean,
  names: string[],
  shapes: TensorShapes,
): Promise<void> {
  const type = ORT_TYPES[declaredElemType(input)] ?? 'float32';
  const runAt = async (batch: number) => {
    const dims = inputDims.map((d, i) => (i === 0 && freeBatch ? batch : typeof d === 'number' ? d : 1));
    const size = dims.reduce((a, b) => a * b, 1);
    const data = type === 'float64' ? new Float64Array(size) : new Float32Array(size);
    return session.run({ [input.name ?? '']: new ort.Tensor(type, data, dims) }, names);
  };
  const one = await runAt(1);
  const two = freeBatch ? await runAt(2) : one;
  for (const name of names) {
    const [a, b] = [one[name]?.dims, two[name]?.dims];
    if (!a || !b) throw new Error(`shape inference: ONNX Runtime returned no '${name}'`);
    const info = shapes.get(name) as TensorInfo;
    info.dims = a.map((d, i) => (d !== b[i] ? null : d));
  }
}
