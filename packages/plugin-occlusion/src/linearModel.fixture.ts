// Test fixtures (excluded from the build): a model whose logits are a KNOWN linear function of the pixels, a tfjs
// Flatten → Dense(softmax) wrapped by engine-tfjs's wrapLayersModel, and a context builder.
import type { ExplainContext, NdArray, VisorModel } from '@visor/core';
import { explainContext } from '@visor/core/testing';
import { tf, wrapLayersModel } from '@visor/engine-tfjs';
import type { OcclusionOptions } from './OcclusionOptions.js';

export interface LinearModel {
  model: VisorModel;
  /** `run` calls since creation or the last reset. */
  calls(): number;
  resetCalls(): void;
  dispose(): Promise<void>;
}

/**
 * Flatten → Dense(K, softmax): logit_k = Σ_i weights[k][i] · x_i + bias[k], where i runs over the pixels in
 * (h, w, c) order, and probability = softmax(logits). With `score: 'logit'` an occlusion's drop is exactly
 * Σ_{i in window} weights[k][i] · (x_i − fill_i).
 */
export function linearModel(shape: [number, number, number], weights: number[][], bias?: number[]): LinearModel {
  const [H, W, C] = shape;
  const K = weights.length;
  const size = H * W * C;
  for (const w of weights) if (w.length !== size) throw new Error(`fixture: ${w.length} weights for ${size} inputs`);
  // Kernel [size, K]: column k holds weights[k].
  const kernel = new Float32Array(size * K);
  for (let k = 0; k < K; k++) for (let i = 0; i < size; i++) kernel[i * K + k] = weights[k]![i]!;
  const values = [tf.tensor2d(kernel, [size, K]), tf.tensor1d(bias ?? new Array(K).fill(0))];
  const seq = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [H, W, C] }), tf.layers.dense({ units: K, activation: 'softmax', weights: values })],
  });
  tf.dispose(values);
  const inner = wrapLayersModel(seq, 'linear test model', { owned: true });
  let calls = 0;
  const model: VisorModel = Object.create(inner, {
    run: {
      value: (x: NdArray, outputs: string[]) => {
        calls++;
        return inner.run(x, outputs);
      },
    },
  });
  return {
    model,
    calls: () => calls,
    resetCalls: () => {
      calls = 0;
    },
    dispose: () => inner.dispose(),
  };
}

/** An image batch [N, H, W, C] from nested per-input arrays of H·W·C values in (h, w, c) order. */
export function batchOf(shape: [number, number, number], images: number[][]): NdArray {
  return { data: Float32Array.from(images.flat()), shape: [images.length, ...shape] };
}

export interface ContextExtras {
  progress?: ExplainContext['progress'];
  signal?: AbortSignal;
}

/** A full ExplainContext, with the shared predictions computed from the model like the pipeline does. */
export async function contextFor(
  lm: LinearModel,
  input: NdArray,
  targets: number[][],
  options: Partial<OcclusionOptions>,
  extras: ContextExtras = {},
): Promise<ExplainContext<OcclusionOptions>> {
  const ctx = await explainContext(lm.model, input, { targets, options: options as OcclusionOptions, label: (i) => `class ${i}`, ...extras });
  lm.resetCalls();
  return ctx;
}
