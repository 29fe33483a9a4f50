import { VisorError, type Explanation, type MetricContext, type NdArray, type VisorModel, nhwc } from '@visor/core';
import { heatmapOf } from './heatmapOf.js';

/** One map to compute again: the original explanation, and the class to explain this time. */
export interface ReexplainItem {
  explanation: Explanation;
  classIndex: number;
}

/**
 * Runs each item's explainer again on `model` for its input and the given class, batching per method
 * (one `ctx.reexplain` call per explainer, over the inputs it explained, in order), and returns the
 * new heatmaps (checked to be at the input size) in item order. A class asked twice for the same input and method is explained once.
 */
export async function reexplainAs(ctx: MetricContext<unknown>, model: VisorModel, items: ReexplainItem[], metric: string): Promise<Float32Array[]> {
  const [, H, W] = nhwc(ctx.input);
  const out: Float32Array[] = new Array(items.length);
  const methods = [...new Set(items.map((it) => it.explanation.method))];
  for (const method of methods) {
    const mine = items.map((it, k) => ({ ...it, k })).filter((it) => it.explanation.method === method);
    const inputs = [...new Set(mine.map((it) => it.explanation.inputIndex))].sort((a, b) => a - b);
    const targets = inputs.map((n) => [...new Set(mine.filter((it) => it.explanation.inputIndex === n).map((it) => it.classIndex))]);
    const input = inputs.length === ctx.input.shape[0] ? ctx.input : subBatch(ctx.input, inputs);
    const results = await ctx.reexplain(method, model, input, targets);
    for (const it of mine) {
      const position = inputs.indexOf(it.explanation.inputIndex);
      const found = results.find((r) => r.inputIndex === position && r.target.classIndex === it.classIndex);
      if (!found) {
        throw new VisorError(`${metric}: explaining again with '${method}' returned no map for input ${it.explanation.inputIndex}, class ${it.classIndex}`, {
          code: 'run',
          hint: `'${method}' must return one explanation per (input, target) it is given.`,
        });
      }
      out[it.k] = heatmapOf(found, H, W, metric);
    }
  }
  return out;
}

/** The inputs at `indices` of a batch, as a new batch. */
function subBatch(batch: NdArray, indices: number[]): NdArray {
  const [, H, W, C] = nhwc(batch);
  const size = H * W * C;
  const data = new Float32Array(indices.length * size);
  indices.forEach((n, j) => data.set(batch.data.subarray(n * size, (n + 1) * size), j * size));
  return { data, shape: [indices.length, H, W, C] };
}
