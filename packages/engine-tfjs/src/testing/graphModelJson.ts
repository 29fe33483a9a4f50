/**
 * Hand-written TF.js graph models for tests, written the way the converter writes them: a builder of
 * the `model.json` topology + weights manifest + weight bytes from a list of nodes, and the node and
 * attribute shapes the tiny test graphs use. `tf.io.fromMemory(graphModelJson(...))` loads one.
 */

/** One node of a graph-model topology (`NodeDef` as JSON). */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

/** A weight of the graph: becomes a `Const` node, an entry of the manifest and its little-endian bytes. */
export interface GraphWeight {
  name: string;
  shape: number[];
  /** Default float32. */
  dtype?: 'float32' | 'int32';
  /** The values in row-major order (their number must be the product of `shape`). */
  values: ArrayLike<number>;
}

export interface GraphWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
}

export interface GraphModelJson {
  modelTopology: { node: GraphNode[]; library: Record<string, never>; versions: { producer: number } };
  weightSpecs: GraphWeightSpec[];
  weightData: ArrayBuffer;
  format: 'graph-model';
}

/** A string attribute value as the converter stores it (base64). */
export const graphString = (s: string): string => Buffer.from(s).toString('base64');
/** The `T` attribute of a float32 op. */
export const FLOAT_T = { type: 'DT_FLOAT' };
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const NHWC = { s: graphString('NHWC') };

/** Attributes of a stride-1, VALID, NHWC Conv2D (also the base of a `_FusedConv2D`). */
export const CONV2D_ATTRS = {
  T: FLOAT_T,
  strides: { list: { i: ['1', '1', '1', '1'] } },
  dilations: { list: { i: ['1', '1', '1', '1'] } },
  padding: { s: graphString('VALID') },
  data_format: NHWC,
  use_cudnn_on_gpu: { b: true },
  explicit_paddings: { list: {} },
};

/** The float32 ops of the tiny test graphs, each named by its first argument. */
export const graphOps = {
  placeholder: (name: string, shape: number[]): GraphNode => ({ name, op: 'Placeholder', attr: { dtype: FLOAT_T, shape: { shape: dims(shape) } } }),
  conv2d: (name: string, x: string, kernel: string): GraphNode => ({ name, op: 'Conv2D', input: [x, kernel], attr: CONV2D_ATTRS }),
  biasAdd: (name: string, x: string, bias: string): GraphNode => ({ name, op: 'BiasAdd', input: [x, bias], attr: { T: FLOAT_T, data_format: NHWC } }),
  relu: (name: string, x: string): GraphNode => ({ name, op: 'Relu', input: [x], attr: { T: FLOAT_T } }),
  mean: (name: string, x: string, axes: string): GraphNode => ({
    name,
    op: 'Mean',
    input: [x, axes],
    attr: { T: FLOAT_T, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } },
  }),
  matMul: (name: string, a: string, b: string): GraphNode => ({
    name,
    op: 'MatMul',
    input: [a, b],
    attr: { T: FLOAT_T, transpose_a: { b: false }, transpose_b: { b: false } },
  }),
  softmax: (name: string, x: string): GraphNode => ({ name, op: 'Softmax', input: [x], attr: { T: FLOAT_T } }),
  identity: (name: string, x: string): GraphNode => ({ name, op: 'Identity', input: [x], attr: { T: FLOAT_T } }),
};

function constNode({ name, shape, dtype = 'float32' }: GraphWeight): GraphNode {
  const type = dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT';
  return { name, op: 'Const', attr: { dtype: { type }, value: { tensor: { dtype: type, tensorShape: dims(shape) } } } };
}

/**
 * A graph model from its input placeholder(s), weights and ops: the topology lists the placeholders,
 * then one `Const` node per weight (in the given order), then the ops; the weight specs and bytes
 * follow the order of `weights`.
 */
export function graphModelJson(inputs: GraphNode[], weights: GraphWeight[], ops: GraphNode[]): GraphModelJson {
  for (const w of weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.values.length !== size) {
      throw new Error(`graphModelJson: weight "${w.name}" has ${w.values.length} values; its shape [${w.shape}] needs ${size}`);
    }
  }
  const parts = weights.map((w) => new Uint8Array((w.dtype === 'int32' ? Int32Array.from(w.values) : Float32Array.from(w.values)).buffer));
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return {
    modelTopology: { node: [...inputs, ...weights.map(constNode), ...ops], library: {}, versions: { producer: 1205 } },
    weightSpecs: weights.map(({ name, shape, dtype = 'float32' }) => ({ name, shape, dtype })),
    weightData: data.buffer,
    format: 'graph-model',
  };
}
