import { VisorError, type MetricContext, type MetricResult, nhwc } from '@visor/core';
import { baselineImage, type Fill } from './baselineImage.js';
import { batchImage } from './batchImage.js';
import type { CausalOptions } from './CausalOptions.js';
import { heatmapOf } from './heatmapOf.js';
import { rankPixels } from './rankPixels.js';
import { scoreExplanationImages } from './scoreImages.js';
import { scoreOutput } from './scoreOutput.js';
import { trapezoidAuc } from './trapezoidAuc.js';

/**
 * Deletion and insertion (Petsiuk et al. 2018, RISE). Pixels are ranked by the explanation's heatmap
 * (rankPixels: by value, highest first, ties in row-major order). After step k of `steps`, the first
 * round(k·P/steps) ranked pixels (all their channels) are changed:
 * - deletion: the image with those pixels replaced by the baseline;
 * - insertion: the baseline with those pixels taken from the image.
 * The curve is the target's score (probability, or logit for a linear head) against the fraction of
 * pixels changed, k = 0…steps; its area by the trapezoid rule over x in [0, 1] is the headline.
 * All explanations' images are scored in one stream of memory-bounded batches.
 */
export async function evaluateCausal(ctx: MetricContext<CausalOptions>, mode: 'deletion' | 'insertion'): Promise<MetricResult[]> {
  const { model, input, explanations, options } = ctx;
  const [, H, W, C] = nhwc(input);
  const shape: [number, number, number] = [H, W, C];
  const pixels = H * W;
  const { output, word } = scoreOutput(model);
  if (Array.isArray(options.fill) && options.fill.length !== C) {
    throw new VisorError(`${mode}: fill has ${options.fill.length} values but the model's input has ${C} channels`, {
      code: 'config',
      hint: `Give one number, ${C} numbers, 'mean' or 'blur'.`,
    });
  }
  const counts = stepCounts(pixels, options.steps);
  const orders = explanations.map((e) => rankPixels(heatmapOf(e, H, W, mode)));

  // The explanation whose images are being written: its start image, what replaces pixels, and the running image.
  let active = -1;
  let current: Float32Array = new Float32Array(0);
  let finish: Float32Array = new Float32Array(0);
  let applied = 0;
  const write = (e: number, k: number, into: Float32Array) => {
    if (e !== active) {
      const { image } = batchImage(input, explanations[e]!.inputIndex);
      const baseline = baselineImage(image, shape, options.fill, options.blurSigma);
      current = mode === 'deletion' ? Float32Array.from(image) : baseline;
      finish = mode === 'deletion' ? baseline : image;
      active = e;
      applied = 0;
    }
    const order = orders[e]!;
    for (; applied < counts[k]!; applied++) {
      const p = order[applied]! * C;
      for (let c = 0; c < C; c++) current[p + c] = finish[p + c]!;
    }
    into.set(current);
  };
  const scores = await scoreExplanationImages(ctx, { perExplanation: options.steps + 1, write, output, stage: mode });

  const x = counts.map((n) => n / pixels);
  const baseline = fillText(options.fill, options.blurSigma);
  const meaning =
    mode === 'deletion'
      ? `Area under the target's ${word} as its most salient pixels (by the map) are replaced by ${baseline}, over the fraction of pixels deleted in [0, 1] (${options.steps} steps, trapezoid rule). Lower is better: the map put first what the model needs.`
      : `Area under the target's ${word} as its most salient pixels (by the map) are revealed on ${baseline}, over the fraction of pixels inserted in [0, 1] (${options.steps} steps, trapezoid rule). Higher is better: the map put first what suffices for the model.`;
  return explanations.map((e, i) => {
    const y = Array.from(scores[i]!);
    return {
      metric: mode,
      method: e.method,
      inputIndex: e.inputIndex,
      classIndex: e.target.classIndex,
      values: { auc: trapezoidAuc(x, y), first: y[0]!, last: y[y.length - 1]! },
      curves: {
        [mode]: {
          x: [...x],
          y,
          xLabel: mode === 'deletion' ? 'fraction of pixels deleted' : 'fraction of pixels inserted',
          yLabel: `${word} of the target class`,
        },
      },
      meaning,
    };
  });
}

/** Pixels changed after step k of `steps` equal steps over `pixels` pixels: round(k · pixels / steps), k = 0…steps. */
function stepCounts(pixels: number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, k) => Math.round((k * pixels) / steps));
}

/** The baseline in words, for meanings. */
function fillText(fill: Fill, blurSigma: number): string {
  if (fill === 'blur') return `the image blurred (Gaussian, σ = ${blurSigma} px)`;
  if (fill === 'mean') return "the image's per-channel mean";
  return typeof fill === 'number' ? `the value ${fill}` : `the values [${fill.join(', ')}]`;
}
