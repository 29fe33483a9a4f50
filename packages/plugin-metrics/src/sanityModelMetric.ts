import { abortedError, nhwc } from '@visor/core';
import type { Metric, MetricResult } from '@visor/core';
import { heatmapOf } from './heatmapOf.js';
import { layersToRandomize, type LayerSelection } from './layersToRandomize.js';
import { assertSsimSize, mapSimilarity, type MapSimilarity } from './mapSimilarity.js';
import { reexplainAs } from './reexplainAs.js';

export interface SanityModelOptions {
  /** `all` layers with weights, the last n of them, or these names; randomised from the output down. */
  layers: LayerSelection;
  /** Seed handed to `withRandomWeights`. */
  seed: number;
}

export const sanityModelDefaults: SanityModelOptions = { layers: 'all', seed: 0 };

/**
 * Model-parameter randomisation test (Adebayo et al. 2018, "Sanity checks for saliency maps"),
 * cascading: step k explains again, with the same explainer and options, on a copy of the model whose
 * k layers nearest the output (of those chosen, see layersToRandomize) have fresh random weights
 * (`withRandomWeights`, seeded), and compares each new heatmap with the original (mapSimilarity:
 * Spearman of |map| — the headline —, Spearman of the signed map, SSIM). The curves have one point per
 * step, named by the layer randomised at that step; the values are those after the last step. One
 * copy exists at a time and is disposed; the model itself is never changed.
 */
export const sanityModelMetric: Metric<SanityModelOptions> = {
  id: 'sanity-model',
  description: 'Model randomisation sanity check: how much the map changes as the weights are randomised from the output layer down.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      layers: {
        description:
          "Layers to randomise, cascading from the output towards the input: 'all' layers with weights, the last n of them, or a list of layer names. One re-explanation per layer.",
        anyOf: [{ const: 'all' }, { type: 'integer', minimum: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
        default: sanityModelDefaults.layers,
      },
      seed: { description: 'Seed of the random weights.', type: 'integer', default: sanityModelDefaults.seed },
    },
  },
  defaults: sanityModelDefaults,
  async evaluate(ctx) {
    const { model, explanations, options } = ctx;
    if (explanations.length === 0) return [];
    const [, H, W] = nhwc(ctx.input);
    assertSsimSize(H, W, 'sanity-model');
    const originals = explanations.map((e) => heatmapOf(e, H, W, 'sanity-model'));
    const names = layersToRandomize(model, options.layers);
    const steps: MapSimilarity[][] = explanations.map(() => []);
    for (let k = 1; k <= names.length; k++) {
      if (ctx.signal.aborted) throw abortedError('sanity-model aborted', ctx.signal);
      const copy = await model.withRandomWeights(names.slice(0, k), options.seed);
      try {
        const maps = await reexplainAs(
          ctx,
          copy,
          explanations.map((explanation) => ({ explanation, classIndex: explanation.target.classIndex })),
          'sanity-model',
        );
        maps.forEach((m, i) => steps[i]!.push(mapSimilarity(originals[i]!, m, H, W, 'sanity-model')));
      } finally {
        await copy.dispose();
      }
      ctx.progress({ stage: 'sanity-model', done: k, total: names.length, message: names[k - 1] });
    }
    const x = names.map((_, k) => k + 1);
    const meaning = `Spearman rank correlation of |map| with the original after randomising the weights of ${names.length} layer(s) from the output down to '${names[names.length - 1]}' (Adebayo et al. 2018, cascading). Lower is better: the map depends on what the model learned. Curves: per layer randomised.`;
    return explanations.map((e, i): MetricResult => {
      const s = steps[i]!;
      const last = s[s.length - 1]!;
      const curve = (key: keyof MapSimilarity, yLabel: string) => ({
        x: [...x],
        y: s.map((v) => v[key]),
        xLabel: 'layers randomised, from the output',
        yLabel,
        xNames: [...names],
      });
      return {
        metric: 'sanity-model',
        method: e.method,
        inputIndex: e.inputIndex,
        classIndex: e.target.classIndex,
        values: { spearmanAbs: last.spearmanAbs, spearman: last.spearman, ssim: last.ssim, layers: names.length },
        curves: {
          spearmanAbs: curve('spearmanAbs', 'Spearman correlation of |map| with the original'),
          spearman: curve('spearman', 'Spearman correlation of the signed map with the original'),
          ssim: curve('ssim', 'SSIM with the original'),
        },
        meaning,
      };
    });
  },
};
