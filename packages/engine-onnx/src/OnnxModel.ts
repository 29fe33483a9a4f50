import { VisorError } from '@visor/core';
import type { EngineMemory, GradientRequest, GradientResult, LayerInfo, NdArray, VisorModel } from '@visor/core';
import type { onnx } from 'onnx-proto';
import { buildGradientGraph } from './backward/buildGradientGraph.js';
import { closestNames } from '@visor/core';
import { layerWeights, weightedNodes } from './describe/layerWeights.js';
import { channelsLastInput, type ChannelsLastModel } from './graph/channelsLastInput.js';
import { GraphBuilder } from './graph/GraphBuilder.js';
import { modelError, sessionError } from './modelError.js';
import type { OnnxModelSpec, TensorLayout } from './OnnxModelSpec.js';
import { attr } from './proto/attributes.js';
import { GraphIndex } from './proto/GraphIndex.js';
import { inferTensorShapes } from './proto/inferTensorShapes.js';
import { proto } from './proto/onnxProto.js';
import type { TensorShapes } from './proto/TensorShapes.js';
import { randomizeInitializers } from './random/randomizeInitializers.js';
import { nchwToNhwc } from './runtime/layout.js';
import { ort, sessionFactory, type OrtSession, type OrtSessionOptions } from './runtime/ort.js';
import { SessionCache } from './runtime/SessionCache.js';
import { IncrementalScorer } from './incremental/IncrementalScorer.js';
import { segmentPlan, type IncrementalPlan } from './incremental/segmentPlan.js';

export interface OnnxModelOptions {
  /** The file the model came from (or a description), for `source` and messages. */
  source: string;
  /** The format it was read from (`onnx`, or the TF.js/Keras format a converted model came from). */
  format?: string;
  /**
   * ONNX Runtime intra-op threads; default the machine's cores (`hostCores()`). onnxruntime-web takes its thread
   * count from `ort.env.wasm.numThreads` when it starts, not per session: a page sets both.
   */
  threads?: number;
  /**
   * Whether ONNX Runtime's intra-op threads spin while waiting for work (ORT's default). Off by
   * default: on a shared or busy machine spinning threads take CPU from the others and from Node's
   * own thread (ResNet-50 forward measured 25 % slower with spinning on a loaded 2-core machine).
   */
  spinning?: boolean;
  /** ONNX Runtime graph optimisation level; default `all`. */
  optimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Sessions kept at most (each holds a copy of the weights); the least recently used idle one goes first. Default 8. */
  maxSessions?: number;
  /** Where 4-D NCHW outputs become channels-last: a Transpose in the graph (default) or a copy on the host. */
  transposeOn?: 'graph' | 'host';
  /** Several gradient seeds in one run, the batch tiled once per seed (default), or one run per seed. */
  seedsInBatch?: boolean;
  /** With seedsInBatch, at most this many images (batch × seeds) per run; default 16. */
  maxTiledBatch?: number;
  /**
   * Score batches of local changes of one image (occluded copies) incrementally (incremental/): only
   * the crops of each map that a copy's change reaches are recomputed. Default true; the results equal
   * a full forward pass up to float rounding.
   */
  incremental?: boolean;
}

/** How a name asked of `run` is answered. */
type Output = { kind: 'input' } | { kind: 'tensor'; tensor: string; layout: TensorLayout };

interface BuiltGraph {
  model: onnx.IModelProto;
  /** Output names in the built graph, per requested tensor (or role). */
  names: Map<string, string>;
  /** Requested tensors to transpose on the host after the run. */
  hostTranspose: Set<string>;
}

/**
 * A VisorModel run by ONNX Runtime (CPU) over an OnnxModelSpec. Every graph it builds (the forward
 * graph with a set of extra outputs; a forward + backward graph per wrt, score and rewrite) gets one
 * InferenceSession, created once and reused. Inputs are channels-last [N, H, W, C]; for an NCHW model
 * the transpose is part of the graph.
 */
export class OnnxModel implements VisorModel {
  readonly engine = 'onnx';
  readonly source: string;
  readonly format: string;
  readonly inputShape: [number | null, number | null, number];
  readonly numClasses: number;
  readonly finalActivation: string;
  readonly outputLayer: string;
  /** ONNX Runtime intra-op threads per call. */
  readonly threads: number;

  private readonly base: ChannelsLastModel;
  private readonly sessions: SessionCache;
  private readonly graphs = new Map<string, BuiltGraph>();
  private readonly byName: Map<string, LayerInfo>;
  private readonly sessionOptions: OrtSessionOptions;
  private readonly live = { tensors: 0, bytes: 0 };
  /** Keras-oriented weights by layer, read from the initializers once (ResNet-50's head: 22 ms per read). */
  private readonly weightCache = new Map<string, NdArray[]>();
  private disposed = false;
  /** Scoring of local changes (undefined: not built yet; null: the model has no plan for it, or it failed once). */
  private incremental?: IncrementalScorer | null;
  /** How often `run` took the incremental path, for reports and tests. */
  readonly incrementalRuns = { batches: 0, images: 0 };
  /** In a copy made by withRandomWeights: the re-drawn layers and the graph holding their new values. */
  private redrawn?: { names: Set<string>; index: GraphIndex };

  /** Builds the model and its forward session (so a graph ONNX Runtime cannot run fails here, naming the file). */
  static async create(spec: OnnxModelSpec, options: OnnxModelOptions): Promise<OnnxModel> {
    const shapes = spec.shapes ?? (await inferTensorShapes(spec.proto, options.source));
    const model = new OnnxModel(spec, shapes, options);
    await model.sessions.use(
      model.runKey([spec.logits]),
      () => model.createSession(model.runGraph([spec.logits]).model, 'the model'),
      async () => undefined,
    );
    return model;
  }

  private constructor(
    private readonly spec: OnnxModelSpec,
    private readonly shapes: TensorShapes,
    private readonly options: OnnxModelOptions,
  ) {
    this.source = options.source;
    this.format = options.format ?? 'onnx';
    const [h, w, c] = spec.input.shape;
    this.inputShape = [h, w, c];
    const out = shapes.get(spec.output)?.dims ?? [];
    this.numClasses = out[out.length - 1] ?? 0;
    this.finalActivation = spec.finalActivation;
    this.outputLayer = spec.outputLayer;
    this.byName = new Map(spec.layers.map((l) => [l.name, l]));
    const inputType = shapes.get(spec.input.name)?.type;
    if (inputType && inputType !== 'float32') {
      throw modelError(options.source, `input '${spec.input.name}' is ${inputType}; Visor feeds float32 images`, 'Export the model with a float32 input.');
    }
    this.base = channelsLastInput(spec, shapes);
    this.sessions = new SessionCache(options.maxSessions ?? 8);
    this.threads = options.threads ?? hostCores();
    this.sessionOptions = {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: options.optimizationLevel ?? 'all',
      logSeverityLevel: 3,
      extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } },
    };
  }

  layers(): LayerInfo[] {
    return this.spec.layers.map((l) => ({ ...l, outputShape: [...l.outputShape], inbound: [...l.inbound] }));
  }

  layer(name: string): LayerInfo {
    const layer = this.byName.get(name);
    if (!layer) {
      throw new VisorError(`${this.source}: no layer named "${name}"; closest: ${closestNames(name, [...this.byName.keys()]).join(', ')}`, {
        code: 'model',
        file: this.source,
        hint: `use one of the model's ${this.byName.size} layer names (see \`visor models ${this.source}\`)`,
      });
    }
    return { ...layer, outputShape: [...layer.outputShape], inbound: [...layer.inbound] };
  }

  /** A layer's weights (Keras-oriented), read once and cached; the same arrays on every call (read-only, see VisorModel). */
  weights(layerName: string): readonly Readonly<NdArray>[] {
    const layer = this.layer(layerName);
    let cached = this.weightCache.get(layer.name);
    if (!cached) {
      cached = this.redrawn?.names.has(layer.name)
        ? redrawnWeights(this.bindingOf(layer.name).tensor, layer.kind, this.redrawn.index)
        : this.spec.weights(layer.name);
      this.weightCache.set(layer.name, cached);
    }
    return cached;
  }

  async run(x: NdArray, outputs: string[]): Promise<NdArray[]> {
    this.assertLive();
    this.checkInput(x);
    const plan = outputs.map((name) => this.resolveOutput(name));
    const tensors = [...new Set(plan.flatMap((p) => (p.kind === 'tensor' ? [p.tensor] : [])))];
    const scores = await this.incrementalScores(x, outputs, tensors);
    if (scores) return plan.map((p) => copyOnce(scores, (p as { tensor: string }).tensor));
    let fetched = new Map<string, NdArray>();
    if (tensors.length > 0) {
      const key = this.runKey(tensors);
      const graph = this.runGraph(tensors);
      fetched = await this.sessions.use(
        key,
        () => this.createSession(graph.model, `a graph with outputs ${tensors.join(', ')}`),
        (session) => this.feed(session, x, null, graph, tensors),
      );
    }
    return plan.map((p) => (p.kind === 'input' ? { data: Float32Array.from(x.data), shape: [...x.shape] } : copyOnce(fetched, p.tensor)));
  }

  async gradients(x: NdArray, request: GradientRequest): Promise<GradientResult> {
    this.assertLive();
    const [n] = this.checkInput(x);
    const k = this.numClasses;
    if (request.seeds.length === 0) throw this.usage('gradients() needs at least one seed');
    request.seeds.forEach((s, i) => {
      if (s.length !== n * k) throw this.usage(`seed ${i} has ${s.length} values; a batch of ${n} with ${k} classes needs ${n * k} ([N, K] row-major)`);
    });
    const score = request.score === 'probability' ? this.probabilityTensor() : this.spec.logits;
    const wrt = request.wrt === 'input' || request.wrt === this.spec.input.name ? null : this.bindingOf(this.layer(request.wrt).name);
    const wrtTensor = wrt ? wrt.tensor : this.base.input;
    const key = `grad\n${wrtTensor}\n${score}\n${request.rewrite?.id ?? ''}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      const built = buildGradientGraph({
        model: this.base.model,
        shapes: this.base.shapes,
        wrt: wrtTensor,
        wrtLayout: wrt?.layout ?? 'NHWC',
        score,
        rewrite: request.rewrite,
        file: this.source,
      });
      const names = new Map<string, string>([['score', built.score]]);
      if (built.value) names.set('value', built.value);
      if (built.gradient) names.set('gradient', built.gradient);
      names.set('seed', built.seed);
      graph = { model: built.model, names, hostTranspose: new Set() };
      this.graphs.set(key, graph);
    }
    const g = graph;
    const roles = ['value', 'gradient', 'score'].filter((r) => g.names.has(r));
    const create = () => this.createSession(g.model, `the gradient graph of '${request.wrt}'`);
    // Seeds are answered a group at a time: the batch tiled once per seed of the group, up to
    // `maxTiledBatch` images per run (one seed per run for a model with a fixed batch).
    const perRun = (this.options.seedsInBatch ?? true) && this.base.batch === null ? Math.max(1, Math.floor((this.options.maxTiledBatch ?? 16) / n)) : 1;
    const gradients: NdArray[] = [];
    let first: Map<string, NdArray> | undefined;
    for (let start = 0; start < request.seeds.length; start += perRun) {
      request.signal?.throwIfAborted();
      const group = request.seeds.slice(start, start + perRun);
      let input = x;
      let seeds = group[0]!; // start < seeds.length
      if (group.length > 1) {
        const tiled = { data: new Float32Array(x.data.length * group.length), shape: [n * group.length, ...x.shape.slice(1)] };
        const tiledSeeds = new Float32Array(n * k * group.length);
        group.forEach((seed, i) => {
          tiled.data.set(x.data, i * x.data.length);
          tiledSeeds.set(seed, i * n * k);
        });
        [input, seeds] = [tiled, tiledSeeds];
      }
      const out = await this.sessions.use(key, create, (session) => this.feed(session, input, seeds, g, roles));
      first ??= new Map([...out].filter(([role]) => role !== 'gradient').map(([role, a]) => [role, group.length > 1 ? sliceBatch(a, 0, n) : a]));
      const grad = out.get('gradient');
      for (let i = 0; i < group.length; i++) {
        if (!grad) gradients.push(zerosLike(first.get('value') ?? x));
        else gradients.push(group.length > 1 ? sliceBatch(grad, i * n, n) : grad);
      }
    }
    const got = first as Map<string, NdArray>;
    const value = got.get('value') ?? { data: Float32Array.from(x.data), shape: [...x.shape] };
    return { value, gradients, scores: got.get('score') as NdArray };
  }

  async withRandomWeights(layerNames: string[], seed: number): Promise<VisorModel> {
    this.assertLive();
    const index = new GraphIndex(this.spec.proto);
    const nodes = layerNames.flatMap((name) => {
      const layer = this.layer(name);
      const weighted = weightedNodes(this.bindingOf(layer.name).tensor, layer.kind, index);
      if (!weighted.some((node) => (node.input ?? []).some((t) => index.initializers.has(t)))) {
        throw this.usage(`layer "${name}" has no weights to randomise`);
      }
      return weighted;
    });
    const fresh = randomizeInitializers(nodes, index, seed);
    const graph = this.spec.proto.graph as onnx.IGraphProto;
    const protoCopy: onnx.IModelProto = {
      ...this.spec.proto,
      graph: { ...graph, initializer: (graph.initializer ?? []).map((t) => fresh.get(t.name ?? '') ?? t) },
    };
    const copy = await OnnxModel.create(
      { ...this.spec, proto: protoCopy, shapes: this.shapes },
      {
        ...this.options,
        source: this.source,
      },
    );
    copy.redrawn = { names: new Set(layerNames), index: new GraphIndex(protoCopy) };
    return copy;
  }

  memory(): EngineMemory {
    return { tensors: this.live.tensors, bytes: this.live.bytes };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.graphs.clear();
    this.weightCache.clear();
    await this.incremental?.dispose();
    this.incremental = null;
    await this.sessions.clear();
  }

  /** Sessions currently held (for tests and reports). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  // ---- graphs and sessions ----

  /**
   * The scores of a batch of occluded copies of one image by the incremental path, or null (then `run`
   * runs the whole model): only for `logits` / `probabilities`, and only when the batch is a set of
   * local changes of one image (IncrementalScorer decides). A failure of the path disables it for this
   * model and falls back to the full pass.
   */
  private async incrementalScores(x: NdArray, outputs: string[], tensors: string[]): Promise<Map<string, NdArray> | null> {
    if (this.options.incremental === false || this.incremental === null || tensors.length === 0) return null;
    if (!outputs.every((o) => o === 'logits' || o === 'probabilities')) return null;
    if (this.incremental === undefined) {
      const scoreTensors = [...new Set([this.spec.logits, ...(this.spec.finalActivation === 'linear' ? [] : [this.spec.output])])];
      let plan: IncrementalPlan | null;
      try {
        plan = segmentPlan(this.base, scoreTensors);
      } catch {
        plan = null; // a model the planner cannot read runs without the incremental path
      }
      this.incremental = plan
        ? new IncrementalScorer(
            plan,
            (m, what) => this.createSession(m, what),
            (t) => this.track(t),
            (t) => this.untrack(t),
          )
        : null;
      if (!this.incremental) return null;
    }
    const scorer = this.incremental as IncrementalScorer;
    const n = batchOf(x);
    let got: Map<string, Float32Array> | null;
    try {
      got = await scorer.run(x.data as Float32Array, n);
    } catch {
      this.incremental = null;
      await scorer.dispose();
      return null;
    }
    if (!got) return null;
    this.incrementalRuns.batches++;
    this.incrementalRuns.images += n;
    const k = this.numClasses;
    return new Map(tensors.map((t) => [t, { data: got.get(t) as Float32Array, shape: [n, k] }]));
  }

  private runKey(tensors: string[]): string {
    return `run\n${[...tensors].sort().join('\n')}`;
  }

  /** The forward graph with `tensors` as outputs (4-D NCHW ones transposed channels-last in the graph unless transposeOn = host). */
  private runGraph(tensors: string[]): BuiltGraph {
    const key = this.runKey(tensors);
    const known = this.graphs.get(key);
    if (known) return known;
    const g = new GraphBuilder(this.base.model);
    const names = new Map<string, string>();
    const hostTranspose = new Set<string>();
    for (const t of tensors) {
      const nchw = this.layoutOf(t) === 'NCHW';
      if (nchw && this.options.transposeOn !== 'host') names.set(t, g.node('Transpose', [t], [attr.ints('perm', [0, 2, 3, 1])], 'nhwc'));
      else {
        names.set(t, t);
        if (nchw) hostTranspose.add(t);
      }
    }
    g.outputs = [...new Set(names.values())].map((name) => ({ name }));
    const built = { model: g.model(), names, hostTranspose };
    this.graphs.set(key, built);
    return built;
  }

  private async createSession(model: onnx.IModelProto, what: string): Promise<OrtSession> {
    const bytes = proto.ModelProto.encode(model).finish();
    try {
      return await sessionFactory.create(bytes, this.sessionOptions);
    } catch (e) {
      throw sessionError(this.source, what, e);
    }
  }

  /**
   * Runs a session on x (and a seed), in chunks of the model's fixed batch when it has one, and
   * returns the requested outputs channels-last by key.
   */
  private async feed(session: OrtSession, x: NdArray, seed: Float32Array | null, graph: BuiltGraph, keys: string[]): Promise<Map<string, NdArray>> {
    const n = batchOf(x);
    const chunk = this.base.batch ?? n;
    const itemSize = x.data.length / n;
    const k = this.numClasses;
    const parts = new Map<string, NdArray[]>(keys.map((key) => [key, []]));
    const fetch = [...new Set(keys.map((key) => graph.names.get(key) as string))];
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start);
      const input = padBatch(x.data.subarray(start * itemSize, (start + count) * itemSize), itemSize, chunk);
      const feeds: Record<string, ort.Tensor> = { [this.base.input]: this.track(new ort.Tensor('float32', input, [chunk, ...x.shape.slice(1)])) };
      if (seed)
        feeds[graph.names.get('seed') as string] = this.track(
          new ort.Tensor('float32', padBatch(seed.subarray(start * k, (start + count) * k), k, chunk), [chunk, k]),
        );
      try {
        const out = await session.run(feeds, fetch);
        for (const key of keys) {
          const name = graph.names.get(key) as string;
          const t = out[name];
          if (!t) throw new Error(`ONNX Runtime returned no '${name}'`);
          let dims = [...t.dims];
          let data = t.data as Float32Array;
          if (graph.hostTranspose.has(key)) {
            // Only 4-D NCHW tensors are transposed on the host (runGraph).
            const [b, c, h, w] = dims as [number, number, number, number];
            data = nchwToNhwc(data, [b, c, h, w]);
            dims = [b, h, w, c];
          }
          const arr = { data, shape: dims };
          (parts.get(key) as NdArray[]).push(count < chunk ? sliceBatch(arr, 0, count) : arr);
        }
      } finally {
        for (const t of Object.values(feeds)) this.untrack(t);
      }
    }
    return new Map([...parts].map(([key, list]) => [key, concatBatch(list)]));
  }

  private track(t: ort.Tensor): ort.Tensor {
    this.live.tensors++;
    this.live.bytes += (t.data as Float32Array).byteLength;
    return t;
  }

  private untrack(t: ort.Tensor): void {
    this.live.tensors--;
    this.live.bytes -= (t.data as Float32Array).byteLength;
    t.dispose();
  }

  // ---- names ----

  private resolveOutput(name: string): Output {
    if (name === 'logits') return { kind: 'tensor', tensor: this.spec.logits, layout: 'flat' };
    if (name === 'probabilities') return { kind: 'tensor', tensor: this.probabilityTensor(), layout: 'flat' };
    const layer = this.layer(name);
    if (layer.kind === 'input' || layer.name === this.spec.input.name) return { kind: 'input' };
    const b = this.bindingOf(layer.name);
    return { kind: 'tensor', tensor: b.tensor, layout: b.layout };
  }

  private bindingOf(name: string): { tensor: string; layout: TensorLayout } {
    const b = this.spec.bindings.get(name);
    if (!b) throw modelError(this.source, `layer "${name}" has no tensor in the ONNX graph`, 'This is a bug in the model converter; report it with the model.');
    return b;
  }

  private layoutOf(tensor: string): TensorLayout {
    for (const b of this.spec.bindings.values()) if (b.tensor === tensor) return (this.shapes.get(tensor)?.dims.length ?? 0) === 4 ? b.layout : 'flat';
    return 'flat';
  }

  private probabilityTensor(): string {
    if (this.spec.finalActivation === 'linear') {
      throw new VisorError(
        `${this.source}: score "probability" is not defined for a model with a linear output (the model's output '${this.spec.output}' has no output activation); use score: logit (the raw output), or, if the outputs are the logits of a classifier, declare outputActivation: softmax (or sigmoid)`,
        { code: 'config', file: this.source, hint: 'use score: logit, or outputActivation: softmax' },
      );
    }
    return this.spec.output;
  }

  /** x's [N, H, W, C], checked against the model's input. */
  private checkInput(x: NdArray): [number, number, number, number] {
    const [h, w, c] = this.inputShape;
    const s = x.shape;
    const size = s.reduce((a, b) => a * b, 1);
    const [n = 0] = s;
    if (s.length !== 4 || s[3] !== c || (h !== null && s[1] !== h) || (w !== null && s[2] !== w) || n < 1 || size !== x.data.length) {
      throw new VisorError(
        `${this.source}: the input batch has shape [${s.join(', ')}] (${x.data.length} values); the model takes [N, ${h ?? 'H'}, ${w ?? 'W'}, ${c}] channels-last`,
        {
          code: 'input',
          file: this.source,
          hint: 'Resize the images to the model input size; Visor feeds [N, H, W, C] whatever the model layout.',
        },
      );
    }
    return s as [number, number, number, number];
  }

  private usage(message: string): VisorError {
    return new VisorError(`${this.source}: ${message}`, { code: 'usage', file: this.source });
  }

  private assertLive(): void {
    if (this.disposed) throw this.usage('the model was disposed');
  }
}

/** A layer's weights read from re-drawn initializers (Keras-oriented, as layerWeights reads them). */
function redrawnWeights(tensor: string, kind: string, index: GraphIndex): NdArray[] {
  const nodes = weightedNodes(tensor, kind, index);
  const last = nodes.at(-1);
  const op = last?.opType;
  if (!last) return [];
  if (op === 'Conv') return layerWeights(last, 'conv', index);
  if (op === 'Gemm') return layerWeights(last, 'dense', index);
  if (op === 'MatMul') {
    const biasAdd = nodes.find((n) => n.opType === 'Add' && (n.input ?? []).some((t) => index.constant(t)));
    return [...layerWeights(last, 'dense', index), ...(biasAdd ? layerWeights(biasAdd, 'bias', index) : [])];
  }
  return nodes[0] ? layerWeights(nodes[0], kind, index) : [];
}

function padBatch(data: Float32Array, itemSize: number, batch: number): Float32Array {
  if (data.length === itemSize * batch) return data;
  const out = new Float32Array(itemSize * batch);
  out.set(data);
  return out;
}

/** The batch size of an array the engine fed or fetched (every one has a batch axis). */
function batchOf(a: NdArray): number {
  const [n] = a.shape;
  if (n === undefined) throw new Error('expected a batch, got a scalar');
  return n;
}

function sliceBatch(a: NdArray, start: number, count: number): NdArray {
  const item = a.data.length / batchOf(a);
  return { data: a.data.slice(start * item, (start + count) * item), shape: [count, ...a.shape.slice(1)] };
}

function concatBatch(list: NdArray[]): NdArray {
  const [first] = list;
  if (!first) throw new Error('concatBatch: no arrays');
  if (list.length === 1) return first;
  const data = new Float32Array(list.reduce((n, a) => n + a.data.length, 0));
  let offset = 0;
  for (const a of list) {
    data.set(a.data, offset);
    offset += a.data.length;
  }
  return { data, shape: [list.reduce((n, a) => n + batchOf(a), 0), ...first.shape.slice(1)] };
}

function zerosLike(a: NdArray): NdArray {
  return { data: new Float32Array(a.data.length), shape: [...a.shape] };
}

/** The fetched array for a tensor; a second request of the same tensor gets its own copy. */
function copyOnce(fetched: Map<string, NdArray>, tensor: string): NdArray {
  const a = fetched.get(tensor) as NdArray;
  fetched.set(tensor, { data: a.data.slice(), shape: [...a.shape] });
  return a;
}

/**
 * The machine's logical cores, ONNX Runtime's default thread count: `os.availableParallelism()` under Node
 * (through `process.getBuiltinModule`, so no `node:` import reaches a browser bundle), else
 * `navigator.hardwareConcurrency` (a page or a worker), else 1.
 */
function hostCores(): number {
  const os = globalThis.process?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (os) return os.availableParallelism();
  return globalThis.navigator?.hardwareConcurrency || 1;
}
