import { halfToFloat } from '@visor/core';
import type { onnx } from 'onnx-proto';
import { DataType, int64, proto } from './onnxProto.js';

/** Reading the values of TensorProtos (initializers, Constant values) and making new ones. */

export function tensorDims(t: onnx.ITensorProto): number[] {
  return (t.dims ?? []).map(int64);
}

export function tensorSize(t: onnx.ITensorProto): number {
  return tensorDims(t).reduce((a, b) => a * b, 1);
}

/** Whether the values live outside the ModelProto (external data files). */
export function isExternal(t: onnx.ITensorProto): boolean {
  return t.dataLocation === proto.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0;
}

/** A copy of the raw bytes in a fresh, aligned buffer. */
function rawCopy(raw: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(raw.byteLength);
  out.set(raw);
  return out.buffer;
}

/** The values of a float, double or half tensor as float64 numbers (copied). Throws for other types. */
export function tensorFloats(t: onnx.ITensorProto): Float64Array {
  const n = tensorSize(t);
  const raw = t.rawData && t.rawData.byteLength > 0 ? t.rawData : null;
  switch (t.dataType) {
    case DataType.FLOAT:
      return Float64Array.from(raw ? new Float32Array(rawCopy(raw), 0, n) : (t.floatData ?? []));
    case DataType.DOUBLE:
      return raw ? new Float64Array(rawCopy(raw), 0, n) : Float64Array.from(t.doubleData ?? []);
    case DataType.FLOAT16: {
      const halves = raw ? new Uint16Array(rawCopy(raw), 0, n) : Uint16Array.from(t.int32Data ?? []);
      return Float64Array.from(halves, halfToFloat);
    }
    default:
      return Float64Array.from(tensorInts(t));
  }
}

/** The values of an integer (or bool) tensor as numbers (copied). */
export function tensorInts(t: onnx.ITensorProto): number[] {
  const n = tensorSize(t);
  const raw = t.rawData && t.rawData.byteLength > 0 ? t.rawData : null;
  switch (t.dataType) {
    case DataType.INT64:
      return raw ? Array.from(new BigInt64Array(rawCopy(raw), 0, n), Number) : (t.int64Data ?? []).map(int64);
    case DataType.INT32:
      return raw ? Array.from(new Int32Array(rawCopy(raw), 0, n)) : [...(t.int32Data ?? [])];
    case DataType.INT8:
      return raw ? Array.from(new Int8Array(rawCopy(raw), 0, n)) : [...(t.int32Data ?? [])];
    case DataType.UINT8:
    case DataType.BOOL:
      return raw ? Array.from(new Uint8Array(rawCopy(raw), 0, n)) : [...(t.int32Data ?? [])];
    case DataType.FLOAT:
    case DataType.DOUBLE:
    case DataType.FLOAT16:
      return Array.from(tensorFloats(t));
    default:
      throw new Error(`tensor '${t.name}' has an unsupported data type ${t.dataType}`);
  }
}

/** A float (or double) tensor holding `values`. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>, dataType: number = DataType.FLOAT): onnx.ITensorProto {
  const arr = dataType === DataType.DOUBLE ? Float64Array.from(values) : Float32Array.from(values);
  return { name, dims, dataType, rawData: new Uint8Array(arr.buffer) };
}

/** An int64 tensor holding `values`. */
export function int64Tensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  const arr = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims, dataType: DataType.INT64, rawData: new Uint8Array(arr.buffer) };
}
