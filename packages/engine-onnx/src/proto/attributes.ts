import type { onnx } from 'onnx-proto';
import { AttrType, int64 } from './onnxProto.js';

/** Reading and writing node attributes by name. */
function find(node: onnx.INodeProto, name: string): onnx.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export function hasAttr(node: onnx.INodeProto, name: string): boolean {
  return find(node, name) !== undefined;
}

export function attrInt(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? int64(a.i) : fallback;
}

export function attrFloat(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = find(node, name);
  return a && a.f !== null && a.f !== undefined ? a.f : fallback;
}

export function attrInts(node: onnx.INodeProto, name: string): number[] | undefined {
  const a = find(node, name);
  return a ? (a.ints ?? []).map(int64) : undefined;
}

export function attrFloats(node: onnx.INodeProto, name: string): number[] | undefined {
  const a = find(node, name);
  return a ? [...(a.floats ?? [])] : undefined;
}

export function attrString(node: onnx.INodeProto, name: string, fallback: string): string {
  const a = find(node, name);
  return a?.s ? new TextDecoder().decode(a.s) : fallback;
}

export function attrTensor(node: onnx.INodeProto, name: string): onnx.ITensorProto | undefined {
  return find(node, name)?.t ?? undefined;
}

/** Attribute constructors for the nodes Visor emits. */
export const attr = {
  int: (name: string, i: number): onnx.IAttributeProto => ({ name, type: AttrType.INT, i }),
  ints: (name: string, ints: number[]): onnx.IAttributeProto => ({ name, type: AttrType.INTS, ints }),
  float: (name: string, f: number): onnx.IAttributeProto => ({ name, type: AttrType.FLOAT, f }),
  floats: (name: string, floats: number[]): onnx.IAttributeProto => ({ name, type: AttrType.FLOATS, floats }),
  string: (name: string, s: string): onnx.IAttributeProto => ({ name, type: AttrType.STRING, s: new TextEncoder().encode(s) }),
  tensor: (name: string, t: onnx.ITensorProto): onnx.IAttributeProto => ({ name, type: AttrType.TENSOR, t }),
};
