import { VisorError, type Metric, nhwc } from '@visor/core';
import { gaussianSource } from './gaussianSource.js';
import { heatmapOf } from './heatmapOf.js';
import { assertSsimSize, mapSimilarity } from './mapSimilarity.js';
import { reexplainAs } from './reexplainAs.js';

export interface SanityLogitOptions {
  /** Seed of the random classes. */
  seed: number;
}

export const sanityLogitDefaults: SanityLogitOptions = { seed: 0 };

/**
 * Random-logit test (Sixt et al. 2020, "When explanations lie"; Quantus's RandomLogit): the
 * explainer runs again on the same model and input for a class drawn uniformly from the other K − 1
 * classes (seeded; drawn in explanation order, distinct per input and method where possible), and the
 * two maps are compared (mapSimilarity). Headline: SSIM of the two maps rescaled to [0, 1]; lower is
 * better (the map depends on the class asked about).
 */
export const sanityLogitMetric: Metric<SanityLogitOptions> = {
  id: 'sanity-logit',
  description: 'Random-logit sanity check: SSIM between the map for the target and the map for a random other class.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { seed: { description: 'Seed of the random classes.', type: 'integer', default: sanityLogitDefaults.seed } },
  },
  defaults: sanityLogitDefaults,
  async evaluate(ctx) {
    const { model, explanations } = ctx;
    if (explanations.length === 0) return [];
    const K = model.numClasses;
    if (K < 2)
      throw new VisorError(`sanity-logit: the model ${model.source} has ${K} class, so there is no other class to compare with`, {
        code: 'config',
        file: model.source,
      });
    const [, H, W] = nhwc(ctx.input);
    assertSsimSize(H, W, 'sanity-logit');
    const random = gaussianSource(`${ctx.options.seed}|sanity-logit`);
    const taken = new Map<string, Set<number>>();
    const items = explanations.map((explanation) => {
      const c = explanation.target.classIndex;
      const key = `${explanation.method}|${explanation.inputIndex}`;
      const used = taken.get(key) ?? new Set<number>();
      taken.set(key, used);
      let other = 0;
      for (let attempt = 0; attempt < 100; attempt++) {
        other = Math.floor(random.uniform() * (K - 1));
        if (other >= c) other++;
        if (!used.has(other)) break;
      }
      used.add(other);
      return { explanation, classIndex: other };
    });
    const maps = await reexplainAs(ctx, model, items, 'sanity-logit');
    const meaning =
      'SSIM between the map for the target and the map for a random other class (each rescaled to [0, 1]; Sixt et al. 2020 random-logit test). Lower is better: the map depends on the class asked about.';
    return explanations.map((e, i) => {
      const s = mapSimilarity(heatmapOf(e, H, W, 'sanity-logit'), maps[i]!, H, W, 'sanity-logit');
      return {
        metric: 'sanity-logit',
        method: e.method,
        inputIndex: e.inputIndex,
        classIndex: e.target.classIndex,
        values: { ssim: s.ssim, spearmanAbs: s.spearmanAbs, spearman: s.spearman, randomClass: items[i]!.classIndex },
        meaning,
      };
    });
  },
};
