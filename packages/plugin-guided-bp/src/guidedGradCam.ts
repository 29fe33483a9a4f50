import { makeMap, tf } from '@visor/core';
import type { Explainer, Explanation } from '@visor/core';
import { gradCamMaps, targetPairs, upsampleMap } from '@visor/plugin-cam';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import {
  GUIDED_GRAD_CAM_ACCEPTED,
  guidedGradCamDefaults,
  guidedGradCamOptionsSchema,
  type GuidedGradCamOptions,
} from './guidedGradCamOptions.js';
import { guidedGradCamProduct } from './guidedGradCamProduct.js';
import { pairGradients } from './pairGradients.js';
import { resolveOptions } from './resolveOptions.js';

const ID = 'guided-grad-cam';

/**
 * `guided-grad-cam`: guided backprop × the Grad-CAM map of the same class (plugin-cam's
 * `gradCamMaps`, ReLU'd, upsampled to the input and scaled to [0, 1]). The Grad-CAM factor uses the
 * model's normal gradients; only the guided factor rewrites ReLU gradients.
 */
export const guidedGradCam: Explainer<GuidedGradCamOptions> = {
  id: ID,
  description: 'Guided Grad-CAM: guided backprop multiplied by the upsampled Grad-CAM map of the class',
  optionsSchema: guidedGradCamOptionsSchema,
  defaults: guidedGradCamDefaults,
  async explain(ctx): Promise<Explanation[]> {
    ctx.signal.throwIfAborted();
    const options = resolveOptions(guidedGradCam, ctx.options, GUIDED_GRAD_CAM_ACCEPTED);
    const pairs = targetPairs(ctx.targets, ctx.input.shape[0], ctx.model.numClasses, ID);
    if (pairs.length === 0) return [];
    const [, h, w, c] = ctx.input.shape;
    ctx.progress({ stage: ID, done: 0, total: pairs.length });

    const cam = gradCamMaps(ctx.model, ctx.input, pairs, {
      variant: 'grad-cam',
      layer: options.layer,
      score: options.score,
      relu: true,
      signal: ctx.signal,
    });
    const [, ch, cw] = cam.maps.shape;
    const owned: tf.Tensor[] = [cam.maps];
    let productData: Float32Array;
    let camData: Float32Array;
    try {
      const up = upsampleMap(cam.maps, [h, w], options.upsample);
      owned.push(up);
      const guided = pairGradients(ctx.model, ctx.input, pairs, 'guided', options.score, ctx.signal);
      owned.push(guided);
      const { product, camScaled } = guidedGradCamProduct(guided, up);
      owned.push(product, camScaled);
      productData = (await product.data()) as Float32Array;
      camData = (await camScaled.data()) as Float32Array;
    } finally {
      tf.dispose(owned);
    }

    const size = h * w * c;
    const scores = options.score === 'probability' ? ctx.predictions.probabilities : ctx.predictions.logits;
    const resize = options.upsample === 'bilinear' ? 'bilinearly' : 'nearest-neighbour';
    const out = pairs.map((pair, i): Explanation => {
      const target = describeTarget(ctx, pair.classIndex);
      const camText =
        `the Grad-CAM map of ${target} at layer ${cam.layer} (ReLU'd, ${resize} upsampled from ${ch}×${cw}, ` +
        `divided by its maximum)`;
      const meaning = `(${attributionMeaning(target, options.score, 'guided')}) × ${camText}`;
      const maps = attributionMaps(productData.subarray(i * size, (i + 1) * size), [h, w, c], options.reduce, meaning);
      maps.extras.gradCam = makeMap(camData.slice(i * h * w, (i + 1) * h * w), [h, w], camText);
      return {
        method: ID,
        inputIndex: pair.inputIndex,
        target: {
          classIndex: pair.classIndex,
          label: ctx.label(pair.classIndex),
          score: scores[pair.inputIndex][pair.classIndex],
          scoreKind: options.score,
        },
        layer: cam.layer,
        options: { ...options, layer: cam.layer },
        ...maps,
      };
    });
    ctx.progress({ stage: ID, done: pairs.length, total: pairs.length });
    return out;
  },
};
