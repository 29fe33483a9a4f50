import type { onnx } from 'onnx-proto';
import type { OnnxAttr } from './onnxAttr.js';

/** The opset of the graphs built here (ORT 1.30 runs 7..21); 13 has Clip/Pad/Slice/Squeeze with tensor inputs. */
export const OPSET = 13;
const IR_VERSION = 7;
// onnx.TensorProto.DataType
const FLOAT = 1;
const INT64 = 7;

/** An initializer's values as the builder keeps them (float data is shared with the proto's raw bytes). */
export interface BuiltInitializer {
  dims: number[];
  data: Float32Array;
}

const bytesOf = (a: Float32Array | BigInt64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Builds one ONNX graph node by node: unique tensor names (names reserved up front are never handed
 * out by `fresh`, and every tensor is produced once), float and int64 initializers (small constants
 * shared), a single graph input and the outputs. `modelProto()` returns a plain `onnx.IModelProto`
 * ready for `onnx.ModelProto.encode`.
 */
export class OnnxGraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly floatInits = new Map<string, BuiltInitializer>();
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly taken = new Set<string>();
  private readonly produced = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** Keeps `name` for a later `node(…, name)`: `fresh` will not return it. */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A name not taken yet: `base`, else `base_1`, `base_2`, … */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  private produce(name: string): string {
    if (this.produced.has(name)) throw new Error(`OnnxGraphBuilder: tensor "${name}" is produced twice`);
    this.produced.add(name);
    this.taken.add(name);
    return name;
  }

  /** Whether a tensor of this name exists (graph input, initializer or node output). */
  has(name: string): boolean {
    return this.produced.has(name);
  }

  /** The graph input (float32); string dims are symbolic (`N`, `H`, …). */
  input(name: string, dims: (number | string)[]): string {
    this.inputs.push({ name: this.produce(name), type: tensorType(dims) });
    return name;
  }

  /** Declares a graph output (float32; ORT infers the shape). */
  output(name: string): void {
    if (!this.produced.has(name)) throw new Error(`OnnxGraphBuilder: output "${name}" is not a tensor of the graph`);
    if (!this.outputs.some((o) => o.name === name)) this.outputs.push({ name, type: { tensorType: { elemType: FLOAT } } });
  }

  /**
   * Appends a node and returns its (first) output: `out` when given (a reserved name, typically a
   * layer's), else a fresh name from `base` (default: the op).
   */
  node(op: string, inputs: string[], out?: string | string[], attributes: Record<string, OnnxAttr> = {}, base = op): string {
    for (const i of inputs) if (i !== '' && !this.produced.has(i)) throw new Error(`OnnxGraphBuilder: ${op} reads "${i}" before it is produced`);
    const outs = (out === undefined ? [this.fresh(base)] : Array.isArray(out) ? out : [out]).map((o) => this.produce(o));
    const [first] = outs;
    if (first === undefined) throw new Error(`OnnxGraphBuilder: ${op} node with no output`);
    this.nodes.push({
      opType: op,
      name: first,
      input: inputs,
      output: outs,
      attribute: Object.entries(attributes).map(([name, a]) => ({ name, ...a })),
    });
    return first;
  }

  /** A float32 initializer named after `base` (the data is kept, not copied). */
  floatInit(base: string, data: Float32Array, dims: number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new Error(`OnnxGraphBuilder: initializer "${base}" has ${data.length} values for dims [${dims.join(', ')}]`);
    const name = this.produce(this.fresh(base));
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: bytesOf(data) });
    this.floatInits.set(name, { dims, data });
    return name;
  }

  /** A small float constant, shared between nodes that use the same values. */
  floatConst(values: number[], dims: number[] = [values.length]): string {
    const key = `f[${dims.join(',')}]:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.floatInit(`const_${values.length === 1 ? String(values[0]).replace(/[^0-9a-z.-]/gi, '_') : 'f'}`, Float32Array.from(values), dims);
    this.constants.set(key, name);
    return name;
  }

  /** A small int64 constant (shapes, axes, pads), shared like `floatConst`. */
  int64Const(values: number[], dims: number[] = [values.length]): string {
    const key = `i[${dims.join(',')}]:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.produce(this.fresh('const_i64'));
    this.initializers.push({ name, dims, dataType: INT64, rawData: bytesOf(BigInt64Array.from(values.map((v) => BigInt(v)))) });
    this.constants.set(key, name);
    return name;
  }

  /** A float initializer's dims and values, or undefined when `name` is not one. */
  initializer(name: string): BuiltInitializer | undefined {
    return this.floatInits.get(name);
  }

  modelProto(graphName: string): onnx.IModelProto {
    return {
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET }],
      producerName: 'visor',
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
  }
}

function tensorType(dims: (number | string)[]): onnx.ITypeProto {
  return {
    tensorType: {
      elemType: FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  };
}
