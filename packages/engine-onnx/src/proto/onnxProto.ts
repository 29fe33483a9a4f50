import onnxProto from 'onnx-proto';

/**
 * The runtime namespace of onnx-proto (protobufjs classes for ModelProto, TensorProto, …). Types
 * come from `import type { onnx } from 'onnx-proto'`; onnx-proto is CommonJS, so its values are
 * reached through the default import.
 */
export const proto = onnxProto.onnx;

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
} as const;

/** AttributeProto.AttributeType values. */
export const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** An int64 protobuf field: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toNumber(): number } | null | undefined;

export function int64(v: Int64): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}
