import { makeMap, tf } from '@visor/core';
import { gradCamMaps, upsampleMap } from '@visor/plugin-cam';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import {
  GUIDED_GRAD_CAM_ACCEPTED,
  guidedGradCamDefaults,
  guidedGradCamOptionsSchema,
  type GuidedGradCamOptions,
} from './guidedGradCamOptions.js';
import { guidedGradCamProduct } from './guidedGradCamProduct.js';
import { pairExplainer } from './pairExplainer.js';
import { pairGradients } from './pairGradients.js';

/**
 * `guided-grad-cam`: guided backprop × the Grad-CAM map of the same class (plugin-cam's
 * `gradCamMaps`, ReLU'd, upsampled to the input and scaled to [0, 1]). The Grad-CAM factor uses the
 * model's normal gradients; only the guided factor rewrites ReLU gradients.
 */
export const guidedGradCam = pairExplainer<GuidedGradCamOptions>({
  id: 'guided-grad-cam',
  description: 'Guided Grad-CAM: guided backprop multiplied by the upsampled Grad-CAM map of the class',
  optionsSchema: guidedGradCamOptionsSchema,
  defaults: guidedGradCamDefaults,
  accepted: GUIDED_GRAD_CAM_ACCEPTED,
  async explainPairs(ctx, options, pairs) {
    const [, h, w, c] = ctx.input.shape;
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
    const resize = options.upsample === 'bilinear' ? 'bilinearly' : 'nearest-neighbour';
    return pairs.map((pair, i) => {
      const target = describeTarget(ctx, pair.classIndex);
      const camText =
        `the Grad-CAM map of ${target} at layer ${cam.layer} (ReLU'd, ${resize} upsampled from ${ch}×${cw}, ` +
        `divided by its maximum)`;
      const meaning = `(${attributionMeaning(target, options.score, 'guided')}) × ${camText}`;
      const maps = attributionMaps(productData.subarray(i * size, (i + 1) * size), [h, w, c], options.reduce, meaning);
      maps.extras.gradCam = makeMap(camData.slice(i * h * w, (i + 1) * h * w), [h, w], camText);
      return { layer: cam.layer, options: { ...options, layer: cam.layer }, ...maps };
    });
  },
});
