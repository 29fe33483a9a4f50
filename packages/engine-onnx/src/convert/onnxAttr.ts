import type { onnx } from 'onnx-proto';

/** An ONNX node attribute without its name (the key of the attribute map gives it). */
export type OnnxAttr = Omit<onnx.IAttributeProto, 'name'>;

// onnx.AttributeProto.AttributeType, spelled out so that building a graph needs no runtime import.
const FLOAT = 1;
const INT = 2;
const STRING = 3;
const FLOATS = 6;
const INTS = 7;

/** Typed ONNX attribute values (ONNX tells `1` the integer from `1.0` the float by the declared type). */
export const attr = {
  int: (i: number): OnnxAttr => ({ type: INT, i }),
  float: (f: number): OnnxAttr => ({ type: FLOAT, f }),
  ints: (ints: number[]): OnnxAttr => ({ type: INTS, ints }),
  floats: (floats: number[]): OnnxAttr => ({ type: FLOATS, floats }),
  string: (s: string): OnnxAttr => ({ type: STRING, s: new TextEncoder().encode(s) }),
};
