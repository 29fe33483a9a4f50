import { VisorError, type EngineMemory, type GradientRequest, type GradientResult, type LayerInfo, type NdArray, type VisorModel } from '@visor/core';
import { tf } from '../tf.js';
import { withGradientRewrite } from '../gradients/withGradientRewrite.js';
import { refuseUncoveredRectifiers } from '../gradients/refuseUncoveredRectifiers.js';
import { sideInputs } from './sideInputs.js';
import type { TfjsNet } from './TfjsNet.js';

export interface TfjsModelOptions {
  /** The file format it came from (`tfjs-layers`, `tfjs-graph`, `keras-h5`, `keras`, `in-memory`). */
  format?: string;
  /** Why this backend runs it. */
  engineReason?: string;
  /** Builds an independent copy of the network with the named layers re-initialised (seeded). */
  randomized?: (layerNames: string[], seed: number) => Promise<TfjsNet>;
}

/** A tensor's values as an NdArray (a copy the caller owns). */
export async function toNdArray(t: tf.Tensor): Promise<NdArray> {
  const data = await t.data();
  return { data: data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>), shape: [...t.shape] };
}

function checkBatch(source: string, x: NdArray, inputShape: [number | null, number | null, number]): void {
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (x.shape.length !== 4 || size !== x.data.length) {
    throw new VisorError(`${source}: the input batch must be [N, H, W, C] with N·H·W·C values, got shape [${x.shape.join(', ')}] and ${x.data.length} values`, {
      code: 'run',
    });
  }
  const ok = inputShape.every((d, i) => d === null || d === x.shape[i + 1]);
  if (!ok) {
    throw new VisorError(`${source}: the input batch is ${x.shape.slice(1).join('×')} but the model takes ${inputShape.map((d) => d ?? '?').join('×')}`, {
      code: 'run',
    });
  }
}

/**
 * The tfjs engine's VisorModel: a TfjsNet (a LayersModel or GraphModel walked layer by layer) with
 * NdArrays at the boundary. Gradients are `tf.grad` of Σ seed·score, with a GradientRewrite applied
 * as a scoped override of tfjs's ReLU gradients (`withGradientRewrite`); gradients with respect to a
 * layer run the model once up to the layer (and its side inputs), then only the part after it per seed.
 */
export class TfjsModel implements VisorModel {
  readonly source: string;
  readonly format: string;
  readonly engine: string;
  readonly engineReason?: string;
  readonly inputShape: [number | null, number | null, number];
  readonly numClasses: number;
  readonly finalActivation: string;
  readonly outputLayer: string;

  constructor(
    readonly net: TfjsNet,
    private readonly options: TfjsModelOptions = {},
  ) {
    this.source = net.source;
    this.format = options.format ?? (net.kind === 'layers' ? 'tfjs-layers' : 'tfjs-graph');
    this.engine = tf.getBackend();
    if (options.engineReason !== undefined) this.engineReason = options.engineReason;
    this.inputShape = net.inputShape;
    this.numClasses = net.numClasses;
    this.finalActivation = net.finalActivation;
    this.outputLayer = net.outputLayer;
  }

  /** The wrapped tfjs model (LayersModel or GraphModel). */
  get tfModel(): tf.LayersModel | tf.GraphModel {
    return this.net.tfModel;
  }

  layers(): LayerInfo[] {
    return this.net.layers();
  }

  layer(name: string): LayerInfo {
    return this.net.layer(name);
  }

  weights(layerName: string): NdArray[] {
    return this.net.weights(layerName).map((w) => ({ data: Float32Array.from(w.dataSync()), shape: [...w.shape] }));
  }

  private scoreOutput(kind: string): string {
    if (kind === 'logit') return 'logits';
    if (kind === 'probability') {
      if (this.finalActivation === 'linear') {
        throw new VisorError(
          `${this.source}: score "probability" is not defined for a model with a linear output; use score: logit (the raw output), or, if the outputs are the logits of a classifier, declare outputActivation: softmax (or sigmoid)`,
          { code: 'config', file: this.source },
        );
      }
      return 'probabilities';
    }
    throw new VisorError(`unknown score kind "${String(kind)}"; accepted: logit, probability`, { code: 'usage' });
  }

  async run(x: NdArray, outputs: string[]): Promise<NdArray[]> {
    checkBatch(this.source, x, this.inputShape);
    for (const o of outputs) if (o === 'probabilities') this.scoreOutput('probability');
    const input = tf.tensor4d(x.data, x.shape as [number, number, number, number]);
    let results: tf.Tensor[] = [];
    try {
      results = tf.tidy(() => this.net.run(input, outputs));
      return await Promise.all(results.map(toNdArray));
    } finally {
      input.dispose();
      tf.dispose(results);
    }
  }

  async gradients(x: NdArray, request: GradientRequest): Promise<GradientResult> {
    checkBatch(this.source, x, this.inputShape);
    const n = x.shape[0]!;
    const k = this.numClasses;
    const output = this.scoreOutput(request.score);
    if (request.seeds.length === 0) throw new VisorError(`${this.source}: gradients need at least one seed`, { code: 'run' });
    for (const s of request.seeds) {
      if (s.length !== n * k) {
        throw new VisorError(`${this.source}: a gradient seed has ${s.length} values, expected ${n}×${k} (inputs × classes)`, { code: 'run' });
      }
    }
    const wrtInput = request.wrt === 'input';
    if (!wrtInput) this.net.layer(request.wrt); // unknown layer → VisorError naming the closest
    if (request.rewrite) refuseUncoveredRectifiers(this.source, this.net.layers(), wrtInput ? null : request.wrt, request.rewrite.id);

    const input = tf.tensor4d(x.data, x.shape as [number, number, number, number]);
    const owned: tf.Tensor[] = [input];
    try {
      // The starting point and what stays fixed: the input itself, or the layer's activations and the
      // side inputs of the part after it (computed once, so each seed only re-runs that part).
      let start: tf.Tensor;
      let fixed: Record<string, tf.Tensor> = {};
      let scores: tf.Tensor;
      if (wrtInput) {
        start = input;
        scores = tf.tidy(() => this.net.run(input, [output])[0]!);
        owned.push(scores);
      } else {
        const side = sideInputs(this.net, request.wrt);
        const [activation, score, ...sideValues] = tf.tidy(() => this.net.run(input, [request.wrt, output, ...side]));
        owned.push(activation!, score!, ...sideValues);
        start = activation!;
        scores = score!;
        fixed = Object.fromEntries(side.map((name, i) => [name, sideValues[i]!]));
      }
      const forward = (a: tf.Tensor): tf.Tensor =>
        wrtInput ? this.net.run(a as tf.Tensor4D, [output])[0]! : this.net.run(input, [output], { ...fixed, [request.wrt]: a })[0]!;

      const gradients: NdArray[] = [];
      for (const seed of request.seeds) {
        request.signal?.throwIfAborted();
        const g = tf.tidy(() => {
          const seedT = tf.tensor2d(seed, [n, k]);
          const objective = (a: tf.Tensor): tf.Scalar => tf.sum(tf.mul(forward(a), seedT));
          return withGradientRewrite(request.rewrite, () => tf.grad(objective)(start));
        });
        try {
          gradients.push(await toNdArray(g));
        } finally {
          g.dispose();
        }
      }
      return { value: await toNdArray(start), gradients, scores: await toNdArray(scores) };
    } finally {
      tf.dispose(owned);
    }
  }

  async withRandomWeights(layerNames: string[], seed: number): Promise<VisorModel> {
    for (const name of layerNames) this.net.layer(name);
    if (!this.options.randomized) {
      throw new VisorError(`${this.source}: this model cannot be copied with random weights (it was not loaded by Visor)`, { code: 'run' });
    }
    const copy = await this.options.randomized(layerNames, seed);
    return new TfjsModel(copy, { ...this.options, format: this.format });
  }

  memory(): EngineMemory {
    const m = tf.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  }

  async dispose(): Promise<void> {
    this.net.dispose();
  }
}
