import type { GradientRequest, GradientResult } from './GradientRequest.js';
import type { LayerInfo } from './LayerInfo.js';
import type { NdArray } from './NdArray.js';

/**
 * What an engine holds at a moment, for leak checks: a method's run must leave it as it found it. What is
 * counted is the engine's own (tfjs: every live tensor, the model's weights included; ONNX Runtime: the
 * tensors Visor passed in and has not released); only the difference before/after matters.
 */
export interface EngineMemory {
  /** Live engine tensors (tfjs) or buffers/values (ONNX Runtime) that Visor allocated. */
  tensors: number;
  bytes: number;
}

/**
 * A loaded image classifier, engine-neutral: what the methods need and nothing of the engine's own
 * types. Arrays it returns are the caller's; arrays it is given are never kept or changed.
 * Method-specific logic (CAM heads, ReLU rules) stays in the plugins.
 *
 * Names used by `run`: `logits` (the head's pre-activation, [N, K]), `probabilities` (the model's own
 * output activation of them, [N, K]) and any layer name (`layers()`); 4-D outputs are [N, h, w, C].
 */
export interface VisorModel {
  /** Where the model came from (the file, or a description for in-memory models). */
  readonly source: string;
  /** The format it was read from: `tfjs-layers`, `tfjs-graph`, `keras-h5`, `keras`, `onnx`, `in-memory`. */
  readonly format: string;
  /** What runs it: `onnx`, or the tfjs backend (`tensorflow`, `wasm`, `cpu`, `webgl`). */
  readonly engine: string;
  /** Why that engine or backend runs it (e.g. "wasm: tfjs-node not installed"), for the run report. */
  readonly engineReason?: string;
  /** Threads one call of the model uses (ONNX Runtime's intra-op threads; 1 for single-threaded engines). */
  readonly threads?: number;
  /** Input size [height, width, channels] (channels-last); null where the model accepts any size. */
  readonly inputShape: [number | null, number | null, number];
  /** Number of outputs of the head (classes, labels or regression targets). */
  readonly numClasses: number;
  /** The model's output activation, which defines `probabilities`: `softmax`, `sigmoid` or `linear`. */
  readonly finalActivation: string;
  /** Name of the layer producing the model's output. */
  readonly outputLayer: string;

  /** The layer graph in topological order, the input first. */
  layers(): LayerInfo[];
  /** One layer by name; throws a VisorError naming the model and the closest names when absent. */
  layer(name: string): LayerInfo;
  /**
   * A layer's weights, Keras-oriented (a dense layer: kernel [in, out], then bias [out]; a `bias` layer: [bias]).
   * Read-only: an engine may return the same arrays on every call (ONNX Runtime caches them; copying ResNet's
   * 8 MB head per CAM call woke V8's GC and cost 15 % of CAM's time), so a caller that needs to change them copies.
   */
  weights(layerName: string): readonly Readonly<NdArray>[];

  /** One forward pass of the batch x [N, H, W, C] returning the named outputs in order. */
  run(x: NdArray, outputs: string[]): Promise<NdArray[]>;
  /** Gradients of seeded class scores with respect to the input or a layer, optionally with rewritten ReLU gradients. */
  gradients(x: NdArray, request: GradientRequest): Promise<GradientResult>;
  /**
   * A copy of the model whose named layers have freshly initialised weights (seeded; for the
   * model-randomisation sanity check). The model itself is not changed. Dispose the copy.
   */
  withRandomWeights(layerNames: string[], seed: number): Promise<VisorModel>;

  /** What the engine holds right now (see EngineMemory): compare before and after, never across engines. */
  memory(): EngineMemory;
  /** Frees the model (its weights and sessions) when Visor loaded it. */
  dispose(): Promise<void>;
}
