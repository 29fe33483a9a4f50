import type { onnx } from 'onnx-proto';
import { int64 } from './onnxProto.js';

/** A dimension as written in a ValueInfo: a number, a symbol (`N`, `batch_size`) or unknown (null). */
export type DeclaredDim = number | string | null;

/** The declared shape of a graph input/output (null when the file gives none). */
export function declaredShape(v: onnx.IValueInfoProto): DeclaredDim[] | null {
  const shape = v.type?.tensorType?.shape;
  if (!shape) return null;
  return (shape.dim ?? []).map((d) => {
    if (d.dimValue !== null && d.dimValue !== undefined && int64(d.dimValue) > 0) return int64(d.dimValue);
    return d.dimParam ? d.dimParam : null;
  });
}

/** The element type of a tensor ValueInfo (TensorProto.DataType), 0 when not a tensor. */
export function declaredElemType(v: onnx.IValueInfoProto): number {
  return v.type?.tensorType?.elemType ?? 0;
}

/** A tensor ValueInfo; string dims become symbols, null dims unknown. */
export function tensorValueInfo(name: string, elemType: number, dims: DeclaredDim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : d ? { dimParam: d } : {})) },
      },
    },
  };
}
