import onnxProto, { type onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';

const { ModelProto } = onnxProto.onnx;

/** A dense float32 array with its shape (the tests' NdArray). */
export interface Arr {
  data: Float32Array;
  shape: number[];
}

/**
 * Runs an ONNX model once on ONNX Runtime (CPU): the proto is encoded, `outputs` are added to the graph
 * outputs when they are not already, and the session is released afterwards.
 */
export async function runOnnx(proto: onnx.IModelProto, feeds: Record<string, Arr>, outputs: string[]): Promise<Arr[]> {
  const graph = proto.graph ?? {};
  const declared = new Set((graph.output ?? []).map((o) => o.name));
  const extra = [...new Set(outputs)].filter((o) => !declared.has(o)).map((name) => ({ name, type: { tensorType: { elemType: 1 } } }));
  const withOutputs: onnx.IModelProto = { ...proto, graph: { ...graph, output: [...(graph.output ?? []), ...extra] } };
  const bytes = ModelProto.encode(withOutputs).finish();
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) ortFeeds[k] = new ort.Tensor('float32', v.data, v.shape);
    const res = await session.run(ortFeeds, [...new Set(outputs)]);
    return outputs.map((o) => {
      const t = res[o];
      return { data: Float32Array.from(t!.data as Float32Array), shape: t!.dims.map(Number) };
    });
  } finally {
    await session.release();
  }
}

/** The model's ONNX bytes (to check that a built proto encodes). */
export function encodeModel(proto: onnx.IModelProto): Uint8Array {
  return ModelProto.encode(proto).finish();
}
