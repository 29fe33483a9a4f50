import { halfToFloat } from '@visor/core';
import type { TfjsArtifacts, TfjsWeightSpec } from './TfjsArtifacts.js';
import { modelError } from '../modelError.js';

/** A decoded weight: float32 for float weights, int32 for integer ones (graph-model shapes and axes). */
export interface DecodedWeight {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/** Copies `length` bytes starting at `offset` of the shards seen as one buffer. */
function readBytes(shards: ArrayBuffer[], offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let start = 0;
  let written = 0;
  for (const shard of shards) {
    const end = start + shard.byteLength;
    if (end > offset + written && written < length) {
      const from = offset + written - start;
      const n = Math.min(shard.byteLength - from, length - written);
      out.set(new Uint8Array(shard, from, n), written);
      written += n;
    }
    start = end;
    if (written === length) break;
  }
  return out;
}

/** Byte length of a `string` weight: each string is a uint32 (little-endian) length, then its bytes. */
function stringBytes(shards: ArrayBuffer[], offset: number, count: number): number {
  let at = offset;
  for (let i = 0; i < count; i++) {
    const len = new DataView(readBytes(shards, at, 4).buffer).getUint32(0, true);
    at += 4 + len;
  }
  return at - offset;
}

function decodeOne(spec: TfjsWeightSpec, bytes: Uint8Array, size: number, file: string): Float32Array | Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const q = spec.quantization;
  const isInt = spec.dtype === 'int32';
  if (!q) {
    // `bytes` is a fresh, aligned copy: on a little-endian machine it is the array already.
    if (LITTLE_ENDIAN && spec.dtype === 'float32') return new Float32Array(bytes.buffer, 0, size);
    if (LITTLE_ENDIAN && isInt) return new Int32Array(bytes.buffer, 0, size);
    const out = isInt ? new Int32Array(size) : new Float32Array(size);
    if (spec.dtype === 'float32') for (let i = 0; i < size; i++) out[i] = view.getFloat32(4 * i, true);
    else if (isInt) for (let i = 0; i < size; i++) out[i] = view.getInt32(4 * i, true);
    else if (spec.dtype === 'bool') for (let i = 0; i < size; i++) out[i] = bytes[i]!; // bytes holds size one-byte values (readBytes)
    return out;
  }
  const out = isInt ? new Int32Array(size) : new Float32Array(size);
  if (q.dtype === 'float16') {
    for (let i = 0; i < size; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
    return out;
  }
  const { scale, min } = q;
  if (typeof scale !== 'number' || typeof min !== 'number') {
    throw modelError(file, `weight "${spec.name}" is quantized to ${q.dtype} without "scale" and "min"`, 'reconvert the model with tensorflowjs_converter');
  }
  const get = q.dtype === 'uint8' ? (i: number) => bytes[i]! : (i: number) => view.getUint16(2 * i, true); // bytes holds size values (readBytes)
  for (let i = 0; i < size; i++) out[i] = isInt ? Math.round(get(i) * scale + min) : get(i) * scale + min;
  return out;
}

/**
 * Decodes the weights of TF.js artifacts (manifest order, one buffer or shards) into typed arrays:
 * float32, int32 and bool as stored, uint8/uint16-quantized weights as `q·scale + min`, float16 as
 * floats. `string` weights are skipped; complex64 ones are refused. Checks that the bytes add up.
 */
export function decodeWeights(artifacts: TfjsArtifacts, file: string): Map<string, DecodedWeight> {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData;
  const shards = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const out = new Map<string, DecodedWeight>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'string') {
      offset += stringBytes(shards, offset, size);
      continue;
    }
    const storedAs = spec.quantization?.dtype ?? spec.dtype;
    const per = STORED_BYTES[storedAs];
    if (per === undefined || spec.dtype === 'complex64' || (spec.quantization && !['uint8', 'uint16', 'float16'].includes(storedAs))) {
      throw modelError(
        file,
        `weight "${spec.name}" has dtype ${spec.dtype}${spec.quantization ? ` quantized as ${storedAs}` : ''}, which the ONNX conversion does not read`,
        'use float32 weights (or uint8/uint16/float16 quantization)',
      );
    }
    const length = size * per;
    if (offset + length > total) {
      throw modelError(
        file,
        `the weight data ends at byte ${total}, but weight "${spec.name}" [${spec.shape.join(', ')}] needs bytes ${offset}..${offset + length}`,
        'check that every weight shard is complete',
      );
    }
    out.set(spec.name, { name: spec.name, shape: [...spec.shape], data: decodeOne(spec, readBytes(shards, offset, length), size, file) });
    offset += length;
  }
  return out;
}
