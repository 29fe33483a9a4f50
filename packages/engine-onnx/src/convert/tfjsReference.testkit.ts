/**
 * The TF.js side of the conversion tests: the one place that imports TensorFlow.js and the reference
 * architectures (from `@visor/core` today, `@visor/engine-tfjs` after the port), plus helpers that
 * compare a converted model on ONNX Runtime with TF.js (cpu backend) layer by layer.
 */
import { tf } from '@visor/engine-tfjs';
import { mulberry32 } from '@visor/core';
import { expect } from 'vitest';
import { artifactsOf as tfjsArtifactsOf, mobilenetV2, resnet50, vgg16 } from '@visor/engine-tfjs';
import type { OnnxModelSpec } from '../OnnxModelSpec.js';
import { convertTfjsModel } from './convertTfjsModel.js';
import { runOnnx, type Arr } from './onnxRun.testkit.js';
import type { TfjsArtifacts } from './TfjsArtifacts.js';
import { transposeData } from './transposeData.js';

export { tf, mobilenetV2, resnet50, vgg16 };

/** The cpu backend, for every test file that compares with TF.js. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Seeded uniform values in [lo, hi) (mulberry32). */
export function seededValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const uniform = mulberry32(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * uniform());
}

/**
 * Replaces weights with seeded values: variances and BN gammas in [0.5, 1.5), everything else in
 * [−r, r) (r = 0.5 by default). `only` picks the layers (by a weight name) to change.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number, r = 0.5, only?: (name: string) => boolean): void {
  let k = 0;
  for (const layer of model.layers) {
    const ws = layer.getWeights();
    if (ws.length === 0) continue;
    const names = layer.weights.map((w) => w.originalName);
    if (only && !names.some(only)) continue;
    const fresh = ws.map((w, i) => {
      const positive = /variance|gamma/.test(names[i]!);
      return tf.tensor(seededValues(w.size, seed + 7919 * k++, positive ? 0.5 : -r, positive ? 1.5 : r), w.shape);
    });
    layer.setWeights(fresh);
    tf.dispose(fresh);
  }
}

/** The model's artifacts as `model.save` writes them (what `tf.io` reads back from model.json + shards), as the converter's type. */
export async function artifactsOf(model: tf.LayersModel): Promise<TfjsArtifacts> {
  return (await tfjsArtifactsOf(model)) as TfjsArtifacts;
}

/** A channels-last NdArray of an ORT output stored in `layout`. */
export function toChannelsLast(a: Arr, layout: string): Arr {
  if (layout !== 'NCHW') return a;
  return { data: transposeData(a.data, a.shape, [0, 2, 3, 1]), shape: [a.shape[0]!, a.shape[2]!, a.shape[3]!, a.shape[1]!] };
}

/** max |a − b| / max |b| (the absolute difference when b is all zeros). */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Runs named layers of the converted model on ORT: channels-last arrays, keyed by layer name. */
export async function onnxLayerValues(spec: OnnxModelSpec, x: Arr, names: string[]): Promise<Map<string, Arr>> {
  const bound = names.map((n) => {
    const b = spec.bindings.get(n);
    if (!b) throw new Error(`no binding for ${n}`);
    return b;
  });
  const outs = await runOnnx(
    spec.proto,
    { [spec.input.name]: x },
    bound.map((b) => b.tensor),
  );
  return new Map(names.map((n, i) => [n, toChannelsLast(outs[i]!, bound[i]!.layout)]));
}

/** TF.js values of the named layers (of `model` itself, nested models' inner layers excluded) for x. */
export function tfjsLayerValues(model: tf.LayersModel, x: Arr, names: string[]): Map<string, Arr> {
  // A nested model called on an outer tensor has two nodes: its own (0) and the call (1).
  const outputOf = (l: tf.layers.Layer) =>
    ((l as unknown as { inboundNodes: unknown[] }).inboundNodes.length > 1 ? l.getOutputAt(1) : l.output) as tf.SymbolicTensor;
  const probe = tf.model({ inputs: model.inputs, outputs: names.map((n) => outputOf(model.getLayer(n))) });
  const input = tf.tensor(x.data, x.shape);
  const outs = probe.predict(input) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(outs) ? outs : [outs];
  const values = new Map(names.map((n, i) => [n, { data: list[i]!.dataSync() as Float32Array, shape: list[i]!.shape }]));
  tf.dispose([input, ...list]);
  return values;
}

export interface Comparison {
  spec: OnnxModelSpec;
  /** Relative difference (max abs diff / max |tfjs value|) per compared layer. */
  diffs: Map<string, number>;
  /** The worst of them, and its layer. */
  worst: { layer: string; diff: number };
  /** Layers whose LayerInfo.outputShape differs from TF.js's outputShape. */
  shapeMismatches: string[];
}

const MODEL_CLASSES = new Set(['Model', 'Functional', 'Sequential']);

/**
 * Converts `model` from its saved artifacts and compares every layer output (and the model output)
 * on ORT with TF.js's on a seeded input batch. A nested model's layers (`outer/inner`) are compared
 * with the nested model run by TF.js on the value ORT fed it.
 */
export async function compareWithTfjs(
  model: tf.LayersModel,
  opts: { batch?: number; seed?: number; inputShape?: number[]; artifacts?: TfjsArtifacts } = {},
): Promise<Comparison> {
  const spec = convertTfjsModel(opts.artifacts ?? (await artifactsOf(model)), 'test-model');
  const shape = opts.inputShape ?? (model.inputs[0]!.shape.slice(1) as number[]);
  const batch = opts.batch ?? 2;
  const x = { data: seededValues(batch * shape.reduce((a, b) => a * b, 1), opts.seed ?? 1), shape: [batch, ...shape] };
  const diffs = new Map<string, number>();
  const shapeMismatches: string[] = [];
  let worst = { layer: '', diff: -1 };

  const compare = async (m: tf.LayersModel, prefix: string, input: Arr): Promise<void> => {
    const names = m.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
    const ref = tfjsLayerValues(m, input, names);
    const got = await onnxLayerValues(
      spec,
      x,
      names.map((n) => prefix + n),
    );
    for (const n of names) {
      const r = ref.get(n) as Arr;
      const g = got.get(prefix + n) as Arr;
      const d = g.shape.join() === r.shape.join() ? relDiff(g.data, r.data) : Infinity;
      diffs.set(prefix + n, d);
      if (d > worst.diff) worst = { layer: prefix + n, diff: d };
      const info = spec.layers.find((l) => l.name === prefix + n);
      const tfShape = m.getLayer(n).outputShape as (number | null)[];
      if (!info || info.outputShape.map(String).join() !== tfShape.map(String).join()) shapeMismatches.push(prefix + n);
    }
    for (const layer of m.layers) {
      if (!MODEL_CLASSES.has(layer.getClassName())) continue;
      const inner = layer as tf.LayersModel;
      const innerInput = `${prefix}${layer.name}/${inner.inputs[0]!.sourceLayer.name}`;
      const feed = spec.bindings.get(innerInput)?.tensor === spec.input.name ? x : ((await onnxLayerValues(spec, x, [innerInput])).get(innerInput) as Arr);
      await compare(inner, `${prefix}${layer.name}/`, feed);
    }
  };
  await compare(model, '', x);
  return { spec, diffs, worst, shapeMismatches };
}

/** compareWithTfjs, asserting equal layer shapes and every layer within `tol` (relative). */
export async function expectSameAsTfjs(
  model: tf.LayersModel,
  tol = 1e-5,
  opts: { batch?: number; seed?: number; artifacts?: TfjsArtifacts } = {},
): Promise<Comparison> {
  const c = await compareWithTfjs(model, opts);
  expect(c.shapeMismatches).toEqual([]);
  expect(c.worst.diff, `worst layer: ${c.worst.layer}`).toBeLessThan(tol);
  return c;
}

/** A seeded Sequential model of the given layers (the first one carries the input shape). */
export function seededSequential(layers: tf.layers.Layer[], seed = 3): tf.Sequential {
  const m = tf.sequential({ layers });
  randomizeWeights(m, seed);
  return m;
}

export { CONV2D_ATTRS, FLOAT_T, convGapGraphModelJson, graphModelJson, graphOps, graphString } from '@visor/engine-tfjs/testing';
export type { GraphModelJson, GraphNode, GraphWeight } from '@visor/engine-tfjs/testing';

/**
 * Converts a graph-model JSON and compares every converted node's output on ORT with TF.js executing
 * the same graph (`tf.loadGraphModel` from memory) on a seeded batch.
 */
export async function compareGraphWithTfjs(
  json: TfjsArtifacts,
  opts: { batch?: number; seed?: number } = {},
): Promise<Omit<Comparison, 'shapeMismatches'> & { shapeMismatches: string[] }> {
  const spec = convertTfjsModel(json, 'graph-model.json');
  const model = await tf.loadGraphModel(tf.io.fromMemory(json as tf.io.ModelArtifacts));
  const [h, w, c] = spec.input.shape as [number, number, number]; // the test models have fixed sizes
  const batch = opts.batch ?? 2;
  const x = { data: seededValues(batch * h * w * c, opts.seed ?? 1), shape: [batch, h, w, c] };
  const names = spec.layers.filter((l) => l.kind !== 'input').map((l) => l.name);
  const input = tf.tensor(x.data, x.shape);
  const outs = model.execute({ [spec.input.name]: input }, names) as tf.Tensor[];
  const got = await onnxLayerValues(spec, x, names);
  const diffs = new Map<string, number>();
  const shapeMismatches: string[] = [];
  let worst = { layer: '', diff: -1 };
  names.forEach((n, i) => {
    const g = got.get(n) as Arr;
    const d = g.shape.join() === outs[i]!.shape.join() ? relDiff(g.data, outs[i]!.dataSync()) : Infinity;
    diffs.set(n, d);
    if (d > worst.diff) worst = { layer: n, diff: d };
    const info = spec.layers.find((l) => l.name === n) as { outputShape: (number | null)[] };
    if (info.outputShape.slice(1).join() !== outs[i]!.shape.slice(1).join()) shapeMismatches.push(n);
  });
  tf.dispose([input, ...outs]);
  model.dispose();
  return { spec, diffs, worst, shapeMismatches };
}
