import { VisorError, targetPairs, validateOptions } from '@visor/core';
import type { Explainer, Explanation, TargetPair } from '@visor/core';
import { camDefaults, camOptionsSchema, type CamOptions } from './camOptions.js';
import { camMaps } from './camMaps.js';
import { explanationsFromMaps } from './explanationsFromMaps.js';
import { featureLayer } from './featureLayer.js';
import { findCamLayer } from './findCamLayer.js';

/** The mean of a map, in double precision. */
function mean(map: Float32Array): number {
  let sum = 0;
  for (const v of map) sum += v;
  return sum / map.length;
}

/**
 * CAM (Zhou et al. 2016): M_c(x, y) = Σ_k w_c^k f_k(x, y), with f the feature map feeding the
 * global average pooling → dense head and w_c the dense kernel column of class c (no bias). The map is
 * on the logit scale: its mean over (x, y) plus the bias b_c is the pre-softmax score of c
 * (reported in `stats` as `mapMean`, `bias`, `logit`, and checked: a mismatch means the head was not
 * understood and is refused).
 */
/** Direct callers of explain may pass partial options: the one schema checks them and fills the defaults. */
const explainerOptions = { id: 'cam', optionsSchema: camOptionsSchema, defaults: camDefaults };

export const cam: Explainer<CamOptions> = {
  id: 'cam',
  description: 'Class Activation Mapping (Zhou et al. 2016) for models ending in GlobalAveragePooling2D → Dense.',
  optionsSchema: camOptionsSchema,
  defaults: camDefaults,
  async explain(ctx): Promise<Explanation[]> {
    ctx.signal.throwIfAborted();
    const options = validateOptions(explainerOptions, ctx.options);
    const head = findCamLayer(ctx.model);
    if (options.layer !== undefined && options.layer !== head.featureLayer) {
      featureLayer(ctx.model, options.layer, 'cam');
      throw new VisorError(
        `cam: option layer = '${options.layer}' is not the feature map of the classifier head; CAM is only ` +
          `defined on ${head.featureLayer}, which feeds ${head.description}. Accepted: '${head.featureLayer}' ` +
          `or no layer. Use grad-cam for other layers.`,
        { code: 'config', file: ctx.model.source },
      );
    }
    const pairs = targetPairs(ctx.targets, ctx.input.shape[0]!, ctx.model.numClasses, 'cam');
    if (pairs.length === 0) return [];
    ctx.progress({ stage: 'cam', done: 0, total: pairs.length });
    const { maps, size, logits, bias } = await camMaps(ctx.model, ctx.input, pairs, head);
    const means = maps.map(mean);
    const numClasses = ctx.model.numClasses;
    const logitOf = (p: TargetPair) => logits.data[p.inputIndex * numClasses + p.classIndex]!;
    // With a linear or softmax output, 'logits' is the dense output itself, so mean(M_c) + b_c must equal it:
    // a self-check that the head was understood (kernel orientation, bias) before any map is returned.
    const checkable = ['linear', 'softmax'].includes(ctx.model.finalActivation);
    if (checkable) {
      pairs.forEach((p, i) => {
        const logit = logitOf(p);
        if (Math.abs(means[i]! + bias[i]! - logit) > 1e-3 * Math.max(1, Math.abs(logit), Math.abs(means[i]!))) {
          throw new VisorError(
            `cam: on ${ctx.model.source}, the mean of the CAM of class ${p.classIndex} plus its bias is ` +
              `${means[i]! + bias[i]!}, but the model's logit is ${logit}: the head ${head.description} is not ` +
              `the plain GAP → Dense it looks like. Use grad-cam for this model.`,
            { code: 'model', file: ctx.model.source },
          );
        }
      });
    }
    const explanations = explanationsFromMaps({
      ctx: { ...ctx, options },
      method: 'cam',
      layer: head.featureLayer,
      options,
      maps: options.relu ? maps.map((m) => m.map((v) => Math.max(v, 0))) : maps,
      size,
      pairs,
      valueMeaning: (target) =>
        `class activation Σ_k w_k·f_k(x, y) for ${target}, on the logit scale: the map's mean plus the Dense ` +
        `bias is the pre-softmax score (w = kernel column of ${head.denseLayer}, f = ${head.featureLayer})`,
      stats: (pair, i): Record<string, number> =>
        checkable ? { mapMean: means[i]!, bias: bias[i]!, logit: logitOf(pair) } : { mapMean: means[i]!, bias: bias[i]! },
    });
    ctx.progress({ stage: 'cam', done: pairs.length, total: pairs.length });
    return explanations;
  },
};
