import type { onnx } from 'onnx-proto';
import type { OnnxModelSpec } from '../OnnxModelSpec.js';
import { attr } from '../proto/attributes.js';
import type { TensorShapes } from '../proto/TensorShapes.js';
import { declaredElemType, declaredShape, tensorValueInfo } from '../proto/valueInfo.js';
import { GraphBuilder } from './GraphBuilder.js';

export interface ChannelsLastModel {
  /** The forward model whose one input takes [N, H, W, C]. */
  model: onnx.IModelProto;
  /** Its input's name. */
  input: string;
  /** The batch size the model fixes (null: any). */
  batch: number | null;
  /** Shapes of every tensor, the new input included. */
  shapes: TensorShapes;
}

/**
 * The forward graph with a channels-last input: for an NCHW model a new input [N, H, W, C] feeds a
 * Transpose(0, 3, 1, 2) that produces the model's original input tensor, so the layout change runs
 * in ONNX Runtime and gradients with respect to the input come back channels-last through the
 * graph. NHWC models are returned as they are.
 */
export function channelsLastInput(spec: OnnxModelSpec, shapes: TensorShapes): ChannelsLastModel {
  const original = (spec.proto.graph?.input ?? []).find((i) => i.name === spec.input.name) as onnx.IValueInfoProto;
  const dims = declaredShape(original) ?? [];
  const batch = typeof dims[0] === 'number' ? dims[0] : null;
  if (spec.input.layout === 'NHWC') return { model: spec.proto, input: spec.input.name, batch, shapes };
  const g = new GraphBuilder(spec.proto);
  const input = g.fresh('input_nhwc');
  const [h, w, c] = spec.input.shape;
  g.inputs = [tensorValueInfo(input, declaredElemType(original), [dims[0] ?? 'N', h, w, c]), ...g.inputs.filter((i) => i.name !== spec.input.name)];
  g.nodes.unshift({
    opType: 'Transpose',
    input: [input],
    output: [spec.input.name],
    attribute: [attr.ints('perm', [0, 3, 1, 2])],
    name: g.fresh('node/input_nchw'),
  });
  g.outputs = [...(spec.proto.graph?.output ?? [])];
  const withInput = new Map(shapes);
  withInput.set(input, { type: shapes.get(spec.input.name)?.type ?? 'float32', dims: [batch, h, w, c] });
  return { model: g.model(), input, batch, shapes: withInput };
}
