import type { GradientRewrite } from '@visor/core';
import type { onnx } from 'onnx-proto';
import { buildGradientGraph } from './backward/buildGradientGraph.js';
import { inferTensorShapes } from './proto/inferTensorShapes.js';
import { proto } from './proto/onnxProto.js';
import { declaredElemType, declaredShape } from './proto/valueInfo.js';
import { ort } from './runtime/ort.js';
import { randomValues } from './tinyGraph.testkit.js';

type FloatArray = Float32Array | Float64Array;

export interface GradientCheckOptions {
  /** Input values [1, ...] (default: randomValues). */
  x?: number[];
  /** Seed values [1, K] (default: randomValues). */
  seed?: number[];
  /** Finite-difference step. */
  step?: number;
  rewrite?: GradientRewrite;
  /** The tensor to differentiate w.r.t.; default the graph input. */
  wrt?: string;
  /** The score tensor; default the graph's first output. */
  score?: string;
}

export interface GradientCheck {
  /** The backward graph's gradient (length = input size). */
  analytic: number[];
  /** The central finite difference of Σ seed·score through the forward graph. */
  numeric: number[];
  /** The score values of the forward run inside the gradient graph. */
  scores: number[];
  /** The built gradient graph (to inspect the emitted ops). */
  graph: onnx.IModelProto;
}

const typed = (type: 'float32' | 'float64', values: ArrayLike<number>): FloatArray =>
  type === 'float64' ? Float64Array.from(values) : Float32Array.from(values);

/**
 * Builds the backward graph of a single-input model (batch 1) and compares its gradient with a
 * central finite difference of the forward graph, Σ seed·score(x ± h·e_i) over every input element
 * i, computed by ONNX Runtime in one batched run of 2·size perturbed copies (one run per copy when
 * the model's batch is fixed, as it must be for graphs that mix the batch).
 */
export async function gradientCheck(model: onnx.IModelProto, options: GradientCheckOptions = {}): Promise<GradientCheck> {
  const input = model.graph?.input?.[0] as onnx.IValueInfoProto;
  const type = declaredElemType(input) === 11 ? 'float64' : 'float32';
  const dims = (declaredShape(input) ?? []).map((d, i) => (i === 0 ? 1 : (d as number)));
  const size = dims.reduce((a, b) => a * b, 1);
  const x = options.x ?? randomValues(size, 7);
  const score = options.score ?? (model.graph?.output?.[0]?.name as string);
  const shapes = await inferTensorShapes(model, 'test.onnx');
  const k = shapes.get(score)?.dims.at(-1) as number;
  const seed = options.seed ?? randomValues(k, 11);

  const built = buildGradientGraph({ model, shapes, wrt: options.wrt ?? (input.name as string), score, rewrite: options.rewrite, file: 'test.onnx' });
  const grad = await ort.InferenceSession.create(proto.ModelProto.encode(built.model).finish(), { logSeverityLevel: 3 });
  const feeds = {
    [input.name as string]: new ort.Tensor(type, typed(type, x), dims),
    [built.seed]: new ort.Tensor(type, typed(type, seed), [1, k]),
  };
  const out = await grad.run(feeds);
  await grad.release();
  const analytic = built.gradient ? Array.from(out[built.gradient]!.data as FloatArray) : new Array<number>(size).fill(0);
  const scores = Array.from(out[built.score]!.data as FloatArray);

  const h = options.step ?? (type === 'float64' ? 1e-6 : 1e-2);
  const batch = new Array<number>(2 * size * size);
  for (let i = 0; i < size; i++) {
    for (const [j, sign] of [
      [2 * i, 1],
      [2 * i + 1, -1],
    ] as const) {
      for (let e = 0; e < size; e++) batch[j * size + e] = x[e]! + (e === i ? sign * h : 0);
    }
  }
  const forward = await ort.InferenceSession.create(proto.ModelProto.encode(model).finish(), { logSeverityLevel: 3 });
  let s: FloatArray;
  if (typeof declaredShape(input)?.[0] === 'number') {
    // A fixed batch of 1: one run per perturbed copy.
    s = type === 'float64' ? new Float64Array(2 * size * k) : new Float32Array(2 * size * k);
    for (let j = 0; j < 2 * size; j++) {
      const f = await forward.run({ [input.name as string]: new ort.Tensor(type, typed(type, batch.slice(j * size, (j + 1) * size)), dims) }, [score]);
      s.set(f[score]!.data as FloatArray, j * k);
    }
  } else {
    const f = await forward.run({ [input.name as string]: new ort.Tensor(type, typed(type, batch), [2 * size, ...dims.slice(1)]) }, [score]);
    s = f[score]!.data as FloatArray;
  }
  await forward.release();
  const numeric = Array.from({ length: size }, (_, i) => {
    let plus = 0;
    let minus = 0;
    for (let c = 0; c < k; c++) {
      plus += seed[c]! * s[2 * i * k + c]!;
      minus += seed[c]! * s[(2 * i + 1) * k + c]!;
    }
    return (plus - minus) / (2 * h);
  });
  return { analytic, numeric, scores, graph: built.model };
}

/** max |a − b| / max |b|: the error relative to the reference's scale. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / (scale || 1);
}

/** The op types of a model's nodes. */
export function opTypes(model: onnx.IModelProto): string[] {
  return (model.graph?.node ?? []).map((n) => n.opType ?? '');
}
