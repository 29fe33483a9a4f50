import { nhwc, valueRange } from '@visor/core';
import type { Metric, MetricContext, MetricResult } from '@visor/core';
import { batchImage } from './batchImage.js';
import { gaussianSource } from './gaussianSource.js';
import { heatmapOf } from './heatmapOf.js';
import { noisyLinearImputation } from './noisyLinearImputation.js';
import { rankPixels } from './rankPixels.js';
import type { RoadOptions } from './RoadOptions.js';
import { scoreExplanationImages } from './scoreImages.js';
import { scoreOutput } from './scoreOutput.js';

export const roadDefaults: RoadOptions = {
  percentiles: [10, 20, 30, 40, 50, 60, 70, 80, 90],
  noise: 0.01,
  seed: 0,
  batchSize: 16,
  memoryBudgetMB: 1024,
};

export const roadOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    percentiles: {
      description: 'Percentages of pixels removed, each strictly between 0 and 100 (one MoRF and one LeRF image each).',
      type: 'array',
      items: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
      minItems: 1,
      default: roadDefaults.percentiles,
    },
    noise: {
      description:
        "Standard deviation of the Gaussian noise added to imputed values, as a fraction of the image's value range (max − min); 0.01 on a [0, 1] image is ROAD's default.",
      type: 'number',
      minimum: 0,
      default: roadDefaults.noise,
    },
    seed: { description: 'Seed of the imputation noise.', type: 'integer', default: roadDefaults.seed },
    batchSize: {
      description: 'Imputed images per forward pass (lowered to fit memoryBudgetMB).',
      type: 'integer',
      minimum: 1,
      default: roadDefaults.batchSize,
    },
    memoryBudgetMB: {
      description: "Memory for one forward pass in MiB: batch × the model's activations per image (from its layer shapes) must fit.",
      type: 'number',
      exclusiveMinimum: 0,
      default: roadDefaults.memoryBudgetMB,
    },
  },
};

/**
 * ROAD, RemOve And Debias (Rong et al. 2022), without retraining. Pixels ranked by the heatmap
 * (rankPixels). For each percentage p, count = ⌊P·p/100⌋ pixels are removed (P = H·W):
 * MoRF removes the `count` highest-ranked, LeRF the `count` lowest-ranked; the removed pixels are
 * filled by noisy linear imputation (noisyLinearImputation; noise σ = `noise` × the image's value
 * range, seeded per image). Both curves are the target's score (probability, or logit for a linear
 * head) against p/100. Headline: `combined` = mean over p of (LeRF(p) − MoRF(p)) / 2, as
 * pytorch-grad-cam's ROADCombined; higher is better. Also `morf` and `lerf`, each curve's mean.
 * (ROAD's reference code indexes LeRF by the share kept instead of removed; with percentages
 * symmetric about 50 the means are the same.)
 */
export const roadMetric: Metric<RoadOptions> = {
  id: 'road',
  description: "ROAD: the target's score after the map's most (MoRF) and least (LeRF) relevant pixels are replaced by noisy linear imputation.",
  optionsSchema: roadOptionsSchema,
  defaults: roadDefaults,
  evaluate: evaluateRoad,
};

async function evaluateRoad(ctx: MetricContext<RoadOptions>): Promise<MetricResult[]> {
  const { model, input, explanations, options } = ctx;
  const [, H, W, C] = nhwc(input);
  const shape: [number, number, number] = [H, W, C];
  const pixels = H * W;
  const { output, word } = scoreOutput(model);
  const percentiles = options.percentiles;
  const np = percentiles.length;
  const orders = explanations.map((e) => rankPixels(heatmapOf(e, H, W, 'road')));

  // Image j of an explanation: MoRF at percentiles[j] for j < np, then LeRF at percentiles[j − np].
  const write = (e: number, j: number, into: Float32Array) => {
    const morf = j < np;
    const p = percentiles[j % np]!;
    const count = Math.floor((pixels * p) / 100);
    const order = orders[e]!;
    const removed = new Uint8Array(pixels);
    for (let k = 0; k < count; k++) removed[order[morf ? k : pixels - 1 - k]!] = 1;
    const explanation = explanations[e]!;
    const { image } = batchImage(input, explanation.inputIndex);
    const { min, max } = valueRange(image);
    const key = [options.seed, explanation.method, explanation.inputIndex, explanation.target.classIndex, morf ? 'morf' : 'lerf', p].join('|');
    into.set(noisyLinearImputation(image, shape, removed, options.noise * (max - min), gaussianSource(key).normal));
  };
  const scores = await scoreExplanationImages(ctx, { perExplanation: 2 * np, write, output, stage: 'road' });

  const x = percentiles.map((p) => p / 100);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const meaning = `ROAD (Rong et al. 2022): mean over the removal percentages [${percentiles.join(', ')}] of (LeRF − MoRF)/2, where MoRF (LeRF) is the target's ${word} after the map's most (least) relevant p % of pixels are replaced by noisy linear imputation. Higher is better: removing what the map ranks high hurts the model, removing what it ranks low does not.`;
  return explanations.map((e, k) => {
    const morf = Array.from(scores[k]!.subarray(0, np));
    const lerf = Array.from(scores[k]!.subarray(np, 2 * np));
    return {
      metric: 'road',
      method: e.method,
      inputIndex: e.inputIndex,
      classIndex: e.target.classIndex,
      values: { combined: mean(lerf.map((l, i) => (l - morf[i]!) / 2)), morf: mean(morf), lerf: mean(lerf) },
      curves: {
        morf: { x: [...x], y: morf, xLabel: 'fraction of pixels removed, most relevant first', yLabel: `${word} of the target class` },
        lerf: { x: [...x], y: lerf, xLabel: 'fraction of pixels removed, least relevant first', yLabel: `${word} of the target class` },
      },
      meaning,
    };
  });
}
