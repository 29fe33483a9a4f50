import type { GradientRequest, GradientResult } from '../contracts/GradientRequest.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError } from '../errors/VisorError.js';

export interface FunctionModelSpec {
  /** [H, W, C] of one input. */
  inputShape: [number, number, number];
  numClasses: number;
  /** The logits of ONE input (its H·W·C values, row-major channels-last). */
  logits(x: Float32Array): number[];
  /** d (Σ_k seed_k · logit_k) / d x for ONE input; without it, gradients are refused. */
  gradient?(x: Float32Array, seed: Float32Array): Float32Array;
  /** `softmax` (default), `sigmoid` or `linear`. */
  finalActivation?: 'softmax' | 'sigmoid' | 'linear';
  source?: string;
}

function activate(logits: number[], activation: string): number[] {
  if (activation === 'sigmoid') return logits.map((z) => 1 / (1 + Math.exp(-z)));
  const max = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * A VisorModel from plain functions, for tests of explainers, metrics and the pipeline that need a
 * model whose scores (and gradients) are known in closed form. No engine, no layers; `memory()` is
 * always zero. Gradients are of logits and only with respect to the input.
 */
export function functionModel(spec: FunctionModelSpec): VisorModel {
  const [h, w, c] = spec.inputShape;
  const size = h * w * c;
  const k = spec.numClasses;
  const activation = spec.finalActivation ?? 'softmax';
  const source = spec.source ?? 'function model';
  const images = (x: NdArray): Float32Array[] => {
    if (x.shape.length !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
      throw new VisorError(`${source}: expected a batch [N, ${h}, ${w}, ${c}], got [${x.shape.join(', ')}]`, { code: 'run' });
    }
    return Array.from({ length: x.shape[0]! }, (_, n) => x.data.subarray(n * size, (n + 1) * size));
  };
  const scores = (x: NdArray, kind: 'logits' | 'probabilities'): NdArray => {
    const rows = images(x).map((img) => {
      const l = spec.logits(img);
      return kind === 'logits' ? l : activate(l, activation);
    });
    return { data: Float32Array.from(rows.flat()), shape: [rows.length, k] };
  };
  return {
    source,
    format: 'in-memory',
    engine: 'js',
    inputShape: [h, w, c],
    numClasses: k,
    finalActivation: activation,
    outputLayer: 'output',
    layers: () => [],
    layer: (name) => {
      throw new VisorError(`${source}: no layer named "${name}" (a function model has none)`, { code: 'model' });
    },
    weights: () => [],
    async run(x, outputs) {
      return outputs.map((o) => {
        if (o === 'logits' || (o === 'probabilities' && activation !== 'linear')) return scores(x, o);
        throw new VisorError(`${source}: no output "${o}"`, { code: 'model' });
      });
    },
    async gradients(x: NdArray, request: GradientRequest): Promise<GradientResult> {
      if (!spec.gradient || request.wrt !== 'input' || request.score !== 'logit' || request.rewrite) {
        throw new VisorError(`${source}: only plain logit gradients w.r.t. the input are defined`, { code: 'run' });
      }
      const imgs = images(x);
      const gradients = request.seeds.map((seed) => {
        const out = new Float32Array(x.data.length);
        imgs.forEach((img, n) => out.set(spec.gradient!(img, seed.subarray(n * k, (n + 1) * k)), n * size));
        return { data: out, shape: [...x.shape] };
      });
      return { value: { data: Float32Array.from(x.data), shape: [...x.shape] }, gradients, scores: scores(x, 'logits') };
    },
    async withRandomWeights() {
      throw new VisorError(`${source}: a function model has no weights`, { code: 'run' });
    },
    memory: () => ({ tensors: 0, bytes: 0 }),
    dispose: async () => {},
  };
}
