// Test fixtures (excluded from the build): tiny engine-neutral models in plain TypeScript whose scores
// are known functions of the pixels, explanations built by hand, and a MetricContext builder.
import { makeMap, type EngineMemory, type Explanation, type LayerInfo, type MetricContext, type NdArray, type VisorModel } from '@visor/core';

/** Engine state shared by a model and its randomised copies: live copies count as held memory. */
interface Engine {
  live: number;
}

export interface TinyModelSpec {
  /** Input [H, W, C]. */
  shape: [number, number, number];
  /** Per-value scale a (H·W·C), applied first: h = a ⊙ x. Default all ones. */
  scale?: number[];
  /** K rows of H·W·C dense weights: logit_k = Σ_i dense[k][i] · h_i + bias[k]. */
  dense: number[][];
  bias?: number[];
  /** `linear`: probabilities are not defined (the metrics use logits); `softmax`: softmax of the logits. */
  finalActivation: 'linear' | 'softmax';
  /** New weights for a randomised layer (default: a seeded pattern). */
  randomize?: (layer: 'scale' | 'dense', seed: number, old: number[][]) => number[][];
  /** Layer output shapes reported by layers() (for the memory estimator); default [null, H, W, C] and [null, K]. */
  extraLayers?: LayerInfo[];
}

/**
 * logit = dense · (scale ⊙ x) + bias, probabilities = softmax(logits) (or none for a linear head).
 * Layers: input → scale (kind conv, weights) → relu-free identity → dense (weights). Records the batch
 * size of every `run` call. `withRandomWeights` returns a copy (counted in memory() until disposed).
 */
export class TinyModel implements VisorModel {
  readonly source = 'tiny test model';
  readonly format = 'in-memory';
  readonly engine = 'test';
  readonly inputShape: [number, number, number];
  readonly numClasses: number;
  readonly finalActivation: string;
  readonly outputLayer = 'dense';
  readonly runs: number[] = [];
  private disposed = false;

  constructor(
    readonly spec: TinyModelSpec,
    private readonly engineState: Engine = { live: 0 },
  ) {
    this.inputShape = spec.shape;
    this.numClasses = spec.dense.length;
    this.finalActivation = spec.finalActivation;
  }

  get size(): number {
    return this.spec.shape[0] * this.spec.shape[1] * this.spec.shape[2];
  }

  scaleWeights(): number[] {
    return this.spec.scale ?? new Array(this.size).fill(1);
  }

  layers(): LayerInfo[] {
    const [H, W, C] = this.spec.shape;
    return [
      { name: 'input', className: 'InputLayer', kind: 'input', outputShape: [null, H, W, C], inbound: [] },
      { name: 'scale', className: 'Scale', kind: 'conv', outputShape: [null, H, W, C], inbound: ['input'], params: this.size },
      { name: 'identity', className: 'Identity', kind: 'identity', outputShape: [null, H, W, C], inbound: ['scale'], params: 0 },
      ...(this.spec.extraLayers ?? []),
      {
        name: 'dense',
        className: 'Dense',
        kind: 'dense',
        outputShape: [null, this.numClasses],
        inbound: ['identity'],
        params: this.size * this.numClasses + this.numClasses,
      },
    ];
  }

  layer(name: string): LayerInfo {
    const l = this.layers().find((x) => x.name === name);
    if (!l) throw new Error(`no layer ${name}`);
    return l;
  }

  weights(layerName: string): NdArray[] {
    if (layerName === 'scale') return [{ data: Float32Array.from(this.scaleWeights()), shape: [this.size] }];
    if (layerName === 'dense') {
      const K = this.numClasses;
      const kernel = new Float32Array(this.size * K);
      for (let k = 0; k < K; k++) for (let i = 0; i < this.size; i++) kernel[i * K + k] = this.spec.dense[k]![i]!;
      return [
        { data: kernel, shape: [this.size, K] },
        { data: Float32Array.from(this.spec.bias ?? new Array(K).fill(0)), shape: [K] },
      ];
    }
    throw new Error(`no weights for ${layerName}`);
  }

  /** Logits of one image, in plain numbers (the reference the tests compute expectations with). */
  logitsOf(image: ArrayLike<number>): number[] {
    const a = this.scaleWeights();
    return this.spec.dense.map((row, k) => {
      let s = this.spec.bias?.[k] ?? 0;
      for (let i = 0; i < row.length; i++) s += row[i]! * a[i]! * image[i]!;
      return s;
    });
  }

  async run(x: NdArray, outputs: string[]): Promise<NdArray[]> {
    if (this.disposed) throw new Error('model used after dispose');
    const N = x.shape[0]!;
    if (x.data.length !== N * this.size) throw new Error(`run: ${x.data.length} values for ${N} images of ${this.size}`);
    this.runs.push(N);
    const K = this.numClasses;
    const logits = new Float32Array(N * K);
    for (let n = 0; n < N; n++) logits.set(this.logitsOf(x.data.subarray(n * this.size, (n + 1) * this.size)), n * K);
    return outputs.map((o) => {
      if (o === 'logits') return { data: logits.slice(), shape: [N, K] };
      if (o === 'probabilities') {
        if (this.finalActivation === 'linear') throw new Error('probabilities of a linear head');
        const p = new Float32Array(N * K);
        for (let n = 0; n < N; n++) {
          const row = Array.from(logits.subarray(n * K, (n + 1) * K));
          const m = Math.max(...row);
          const e = row.map((v) => Math.exp(v - m));
          const s = e.reduce((a, b) => a + b, 0);
          e.forEach((v, k) => (p[n * K + k] = v / s));
        }
        return { data: p, shape: [N, K] };
      }
      throw new Error(`unknown output ${o}`);
    });
  }

  async gradients(): Promise<never> {
    throw new Error('not used by the metrics');
  }

  async withRandomWeights(layerNames: string[], seed: number): Promise<VisorModel> {
    const randomize =
      this.spec.randomize ??
      ((layer: string, s: number, old: number[][]) =>
        old.map((row, k) => row.map((_, i) => Math.sin(1 + i * 12.9898 + k * 78.233 + s + (layer === 'scale' ? 3 : 7)))));
    const spec: TinyModelSpec = { ...this.spec };
    for (const name of layerNames) {
      if (name === 'scale') spec.scale = randomize('scale', seed, [this.scaleWeights()])[0];
      else if (name === 'dense') spec.dense = randomize('dense', seed, this.spec.dense);
      else throw new Error(`no weights in layer ${name}`);
    }
    this.engineState.live++;
    return new TinyModel(spec, this.engineState);
  }

  memory(): EngineMemory {
    return { tensors: this.engineState.live, bytes: this.engineState.live * this.size * 4 };
  }

  async dispose(): Promise<void> {
    if (this.disposed) throw new Error('disposed twice');
    this.disposed = true;
    this.engineState.live--;
  }
}

/** A [N, H, W, C] batch from per-image value lists. */
export function batchOf(shape: [number, number, number], images: number[][]): NdArray {
  return { data: Float32Array.from(images.flat()), shape: [images.length, ...shape] };
}

/** An explanation whose heatmap is given by hand. */
export function explanationOf(method: string, inputIndex: number, classIndex: number, heatmap: number[], [H, W]: [number, number]): Explanation {
  const map = makeMap(
    Float32Array.from(heatmap),
    [H, W],
    'test map',
    heatmap.some((v) => v < 0),
  );
  return { method, inputIndex, target: { classIndex, score: 0, scoreKind: 'logit' }, options: {}, raw: map, heatmap: map };
}

export interface ContextSetup<O> {
  model: VisorModel;
  input: NdArray;
  explanations: Explanation[];
  options: O;
  masks?: (NdArray | null)[];
  reexplain?: MetricContext<O>['reexplain'];
  signal?: AbortSignal;
  progress?: MetricContext<O>['progress'];
}

/** A MetricContext as the pipeline builds it (targets from the explanations; predictions from one run; a linear head's probabilities are its logits). */
export async function metricContext<O>(setup: ContextSetup<O>): Promise<MetricContext<O>> {
  const N = setup.input.shape[0]!;
  const targets: number[][] = Array.from({ length: N }, () => []);
  for (const e of setup.explanations) if (!targets[e.inputIndex]!.includes(e.target.classIndex)) targets[e.inputIndex]!.push(e.target.classIndex);
  const linear = setup.model.finalActivation === 'linear';
  const [logits, probabilities] = await setup.model.run(setup.input, linear ? ['logits', 'logits'] : ['logits', 'probabilities']);
  if (setup.model instanceof TinyModel) setup.model.runs.pop(); // the pipeline's prediction is not the metric's work
  const K = setup.model.numClasses;
  const rows = (a: NdArray) => Array.from({ length: N }, (_, n) => a.data.slice(n * K, (n + 1) * K));
  return {
    model: setup.model,
    input: setup.input,
    targets,
    predictions: { logits: rows(logits!), probabilities: rows(probabilities!) },
    explanations: setup.explanations,
    masks: setup.masks ?? new Array(N).fill(null),
    options: setup.options,
    label: (i) => `class ${i}`,
    progress: setup.progress ?? (() => {}),
    signal: setup.signal ?? new AbortController().signal,
    reexplain:
      setup.reexplain ??
      (async () => {
        throw new Error('reexplain not set up');
      }),
  };
}
