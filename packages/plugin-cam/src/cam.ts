import { VisorError, tf } from '@visor/core';
import type { Explainer, Explanation } from '@visor/core';
import { camDefaults, camOptionsSchema, type CamOptions } from './camOptions.js';
import { camMaps } from './camMaps.js';
import { explanationsFromMaps } from './explanationsFromMaps.js';
import { featureLayer } from './featureLayer.js';
import { findCamLayer } from './findCamLayer.js';
import { targetPairs } from './targetPairs.js';
import { withDefaults } from './withDefaults.js';

/**
 * CAM (Zhou et al. 2016): M_c(x, y) = Σ_k w_c^k f_k(x, y), with f the feature map feeding the
 * GlobalAveragePooling2D → Dense head and w_c the Dense kernel column of class c (no bias). The map is
 * on the logit scale: its mean over (x, y) plus the bias b_c is the pre-softmax score of c
 * (reported in `stats` as `mapMean`, `bias`, `logit`).
 */
export const cam: Explainer<CamOptions> = {
  id: 'cam',
  description: 'Class Activation Mapping (Zhou et al. 2016) for models ending in GlobalAveragePooling2D → Dense.',
  optionsSchema: camOptionsSchema,
  defaults: camDefaults,
  async explain(ctx): Promise<Explanation[]> {
    ctx.signal.throwIfAborted();
    const options = withDefaults(ctx.options, camDefaults);
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
    const pairs = targetPairs(ctx.targets, ctx.input.shape[0], ctx.model.numClasses, 'cam');
    if (pairs.length === 0) return [];
    ctx.progress({ stage: 'cam', done: 0, total: pairs.length });
    const { maps, logits, bias } = camMaps(ctx.model, ctx.input, pairs, head);
    const [shown, means] = tf.tidy(() => [options.relu ? tf.relu(maps) : tf.clone(maps), tf.mean(maps, [1, 2])]);
    try {
      const logitData = (await logits.data()) as Float32Array;
      const meanData = (await means.data()) as Float32Array;
      const numClasses = logits.shape[1];
      const explanations = await explanationsFromMaps({
        ctx: { ...ctx, options },
        method: 'cam',
        layer: head.featureLayer,
        options,
        maps: shown as tf.Tensor3D,
        pairs,
        valueMeaning: (target) =>
          `class activation Σ_k w_k·f_k(x, y) for ${target}, on the logit scale: the map's mean plus the Dense ` +
          `bias is the pre-softmax score (w = kernel column of ${head.denseLayer}, f = ${head.featureLayer})`,
        stats: (pair, i) => ({
          mapMean: meanData[i],
          bias: bias[i],
          logit: logitData[pair.inputIndex * numClasses + pair.classIndex],
        }),
      });
      ctx.progress({ stage: 'cam', done: pairs.length, total: pairs.length });
      return explanations;
    } finally {
      tf.dispose([maps, logits, shown, means]);
    }
  },
};
