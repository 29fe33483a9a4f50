import {
  abortedError,
  activationFactorFor,
  budgetedBatchSize,
  makeMap,
  VisorError,
  type ExplainContext,
  type Explainer,
  type Explanation,
  type ExplanationMap,
  type NdArray,
  type ScoreKind,
  nhwc,
} from '@visor/core';
import { coverageAverage } from './coverageAverage.js';
import { fillImage, type ResolvedFill } from './fillImage.js';
import { occludedBatches } from './occludedBatches.js';
import { occlusionDefaults } from './occlusionDefaults.js';
import { occlusionGrid } from './occlusionGrid.js';
import type { OcclusionOptions } from './OcclusionOptions.js';
import { occlusionOptionsSchema } from './occlusionOptionsSchema.js';
import { resolveOcclusionOptions } from './resolveOcclusionOptions.js';
import { scoreInParallel } from './scoreInParallel.js';

/** At most this many occluded copies go into `extras.patchPreview`. */
export const PATCH_PREVIEW_MAX = 16;

function describeFill(fill: ResolvedFill): string {
  if (fill.kind === 'mean') return "the image's per-channel mean";
  if (fill.kind === 'blur') return `a box blur of radius ${fill.radius}`;
  const v = Array.from(fill.values);
  return v.every((x) => x === v[0]) ? String(v[0]) : `[${v.join(', ')}]`;
}

/** The pixels of input `n` of a [N, H, W, C] batch, as a plain H×W×C array (a copy). */
function readImage(input: NdArray, n: number): Float32Array {
  const size = input.shape[1]! * input.shape[2]! * input.shape[3]!;
  return input.data.slice(n * size, (n + 1) * size);
}

/** The model output that holds a score kind's values. */
const scoreOutput = (score: ScoreKind): string => (score === 'logit' ? 'logits' : 'probabilities');

/**
 * Occlusion sensitivity (Zeiler & Fergus, 2014): slide a window over the input, replace its pixels
 * by a fill value and record the target class's score. Occluded copies are generated lazily, one
 * batch at a time; ONE set of forward passes serves every target class of an input.
 */
export const occlusionExplainer: Explainer<OcclusionOptions> = {
  id: 'occlusion',
  description: 'Occlusion sensitivity (Zeiler & Fergus): the change of a class score as a window of the input is hidden',
  optionsSchema: occlusionOptionsSchema,
  defaults: occlusionDefaults,

  async explain(ctx: ExplainContext<OcclusionOptions>): Promise<Explanation[]> {
    const { model, input, signal } = ctx;
    if (input.shape.length !== 4 || input.data.length !== input.shape.reduce((a, b) => a * b, 1)) {
      throw new VisorError(`occlusion: the input batch must be [N, H, W, C], got shape [${input.shape.join(', ')}]`, { code: 'run' });
    }
    const [N, H, W, C] = nhwc(input);
    if (ctx.targets.length !== N) {
      throw new VisorError(`occlusion: ${ctx.targets.length} target lists for a batch of ${N} inputs`, { code: 'run' });
    }
    const resolved = resolveOcclusionOptions(ctx.options, [H, W, C]);
    // auto: the model's own probabilities, unless its head is linear (a regression head has none).
    const opts = { ...resolved, score: resolved.score === 'auto' ? (model.finalActivation === 'linear' ? 'logit' : 'probability') : resolved.score } as const;
    const grid = occlusionGrid(H, W, opts.patch, opts.stride);
    const windows = grid.windows.length;
    const activationFactor = activationFactorFor(model, opts.activationFactor, [H, W, C]);
    const batchSize = budgetedBatchSize(opts.batchSize, [H, W, C], opts.memoryBudgetMB, activationFactor, windows);
    const ranWith: Record<string, unknown> = {
      ...occlusionDefaults,
      ...(ctx.options as unknown as Record<string, unknown>),
      patch: [...opts.patch],
      stride: [...opts.stride],
      score: opts.score,
    };
    const scoreName = opts.score;
    const fillText = describeFill(opts.fill);
    const total = ctx.targets.reduce((sum, t) => sum + (t.length > 0 ? windows : 0), 0);
    let done = 0;
    const aborted = () => abortedError(`occlusion aborted after ${done} of ${total} windows`, signal);
    const results: Explanation[] = [];

    for (let n = 0; n < N; n++) {
      const targets = ctx.targets[n]!;
      if (targets.length === 0) continue;
      for (const cls of targets) {
        if (!Number.isInteger(cls) || cls < 0 || cls >= model.numClasses) {
          throw new VisorError(`occlusion: target class ${cls} of input ${n} is not a class of the model (0…${model.numClasses - 1})`, {
            code: 'run',
          });
        }
      }
      if (signal.aborted) throw aborted();
      const image = readImage(input, n);
      const fill = fillImage(image, H, W, C, opts.fill);
      const occluded = targets.map(() => new Float32Array(windows));
      let preview: ExplanationMap | undefined;
      let batches = 0;

      const takePreview = (batch: { windows: unknown[]; data: Float32Array }) => {
        if (batches > 0 || !opts.preview) return;
        const count = Math.min(batch.windows.length, PATCH_PREVIEW_MAX);
        preview = makeMap(
          batch.data.slice(0, count * H * W * C),
          [count, H, W, C],
          `the first ${count} occluded copies of the input (windows 0–${count - 1}, row-major), fill ${fillText}, in the model's input space`,
        );
      };
      const record = (start: number, B: number, values: ArrayLike<number>) => {
        const K = model.numClasses;
        if (values.length !== B * K) {
          throw new VisorError(
            `occlusion: got ${values.length} scores for a batch of ${B} windows, expected ${B}×${K}; ` +
              `the parallel scorer's model must be the run's model (${model.source})`,
            { code: 'run' },
          );
        }
        targets.forEach((cls, t) => {
          for (let b = 0; b < B; b++) occluded[t]![start + b] = values[b * K + cls]!;
        });
        done += B;
        ctx.progress({ stage: 'occlusion', done, total });
      };

      if (ctx.parallel) {
        // Worker threads: up to `workers` batches in flight, each scored by a copy of the model.
        await scoreInParallel(
          occludedBatches(image, fill, grid, C, batchSize),
          ctx.parallel,
          opts.score,
          (batch) => {
            takePreview(batch);
            batches++;
          },
          (batch, values) => record(batch.start, batch.windows.length, values),
          () => (signal.aborted ? aborted() : undefined),
        );
      } else {
        for (const batch of occludedBatches(image, fill, grid, C, batchSize)) {
          if (signal.aborted) throw aborted();
          const B = batch.windows.length;
          const [scores] = await model.run({ data: batch.data, shape: [B, H, W, C] }, [scoreOutput(opts.score)]);
          record(batch.start, B, scores!.data);
          takePreview(batch);
          batches++;
        }
      }

      const baselines = await baselineScores(ctx, n, targets, opts.score);
      targets.forEach((cls, t) => {
        const label = ctx.label(cls);
        const baseline = baselines[t]!;
        const what = `${scoreName} of '${label}'`;
        const window = `the ${opts.patch[0]}×${opts.patch[1]} window (stride ${opts.stride[0]}×${opts.stride[1]}, fill ${fillText})`;
        let gridValues: Float32Array;
        let rawMeaning: string;
        let heatMeaning: string;
        if (opts.output === 'drop') {
          gridValues = occluded[t]!.map((v) => baseline - v);
          rawMeaning = `drop in ${what} (unoccluded − occluded) when ${window} at this grid cell is occluded`;
          heatMeaning = `mean drop in ${what} over the windows covering this pixel (high = the region supports the class)`;
        } else {
          gridValues = occluded[t]!;
          rawMeaning = `${what} with ${window} at this grid cell occluded`;
          heatMeaning = `mean ${what} over the occlusions of the windows covering this pixel (low = the region supports the class)`;
        }
        const signed = opts.output === 'drop';
        results.push({
          method: 'occlusion',
          inputIndex: n,
          target: { classIndex: cls, label, score: baseline, scoreKind: opts.score },
          options: ranWith,
          raw: makeMap(Float32Array.from(gridValues), [grid.rows, grid.cols], rawMeaning, signed),
          heatmap: makeMap(coverageAverage(grid, gridValues), [H, W], heatMeaning, signed),
          ...(preview ? { extras: { patchPreview: preview } } : {}),
          stats: {
            baselineScore: baseline,
            windows,
            batches,
            batchSize,
            activationFactor,
            gridRows: grid.rows,
            gridCols: grid.cols,
          },
        });
      });
    }
    return results;
  },
};

/** The unoccluded scores of input n's targets: from the shared predictions, or one forward pass if they are missing. */
async function baselineScores(ctx: ExplainContext<OcclusionOptions>, n: number, targets: number[], score: ScoreKind): Promise<number[]> {
  const shared = (score === 'logit' ? ctx.predictions?.logits : ctx.predictions?.probabilities)?.[n];
  if (shared && targets.every((cls) => cls < shared.length)) return targets.map((cls) => shared[cls]!);
  const [, H, W, C] = nhwc(ctx.input);
  const [scores] = await ctx.model.run({ data: readImage(ctx.input, n), shape: [1, H, W, C] }, [scoreOutput(score)]);
  return targets.map((cls) => scores!.data[cls]!);
}
