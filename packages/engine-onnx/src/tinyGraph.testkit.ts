import type { onnx } from 'onnx-proto';
import { attr } from './proto/attributes.js';
import { DataType } from './proto/onnxProto.js';
import { floatTensor, int64Tensor } from './proto/tensorData.js';
import { tensorValueInfo, type DeclaredDim } from './proto/valueInfo.js';

export { attr };

/**
 * Test-only builder of small ONNX models: inputs, float initializers of the graph's type, nodes,
 * outputs. `new TinyGraph('float64')` builds double graphs (ORT runs most ops in double, which
 * finite differences like).
 */
export class TinyGraph {
  readonly elemType: number;
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inits: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private count = 0;

  constructor(
    readonly type: 'float32' | 'float64' = 'float64',
    readonly opset = 17,
  ) {
    this.elemType = type === 'float64' ? DataType.DOUBLE : DataType.FLOAT;
  }

  input(name: string, dims: DeclaredDim[]): string {
    this.inputs.push(tensorValueInfo(name, this.elemType, dims));
    return name;
  }

  /** A float initializer (the graph's type); values default to a deterministic pseudo-random fill in [-1, 1). */
  init(name: string, dims: number[], values?: ArrayLike<number>): string {
    const size = dims.reduce((a, b) => a * b, 1);
    this.inits.push(floatTensor(name, dims, values ?? randomValues(size, this.inits.length + 1), this.elemType));
    return name;
  }

  ints(name: string, values: number[]): string {
    this.inits.push(int64Tensor(name, [values.length], values));
    return name;
  }

  /** Appends a node; its outputs are named `<name>` or `<name>:i`. */
  nodeN(op: string, inputs: string[], attributes: onnx.IAttributeProto[], outputs: number, name = `${op}_${this.count++}`): string[] {
    const out = Array.from({ length: outputs }, (_, i) => (outputs === 1 ? name : `${name}:${i}`));
    this.nodes.push({ name, opType: op, input: inputs, output: out, attribute: attributes });
    return out;
  }

  node(op: string, inputs: string[], attributes: onnx.IAttributeProto[] = [], name?: string): string {
    return this.nodeN(op, inputs, attributes, 1, name)[0]!;
  }

  output(name: string): void {
    this.outputs.push({ name });
  }

  model(): onnx.IModelProto {
    return {
      irVersion: 8,
      producerName: 'visor-test',
      opsetImport: [{ domain: '', version: this.opset }],
      graph: { name: 'tiny', node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
    };
  }
}

/** Deterministic values in [-1, 1) (a small LCG), so fixtures do not depend on Math.random. */
export function randomValues(n: number, seed = 1): number[] {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}
