import { makeMap, pairGradients, upsampleMaps, nhwc } from '@visor/core';
import { gradCamMaps } from '@visor/plugin-cam';
import { attributionMaps } from './attributionMaps.js';
import { attributionMeaning, describeTarget } from './describeTarget.js';
import { guidedGradCamDefaults, guidedGradCamOptionsSchema, type GuidedGradCamOptions } from './guidedGradCamOptions.js';
import { guidedGradCamProduct } from './guidedGradCamProduct.js';
import { pairExplainer } from './pairExplainer.js';
import { RELU_REWRITES } from './reluRewrites.js';

/**
 * `guided-grad-cam`: guided backprop × the Grad-CAM map of the same class (plugin-cam's
 * `gradCamMaps`, ReLU'd, upsampled to the input with core's `upsampleMaps` and divided by its
 * maximum). The Grad-CAM factor uses the model's normal gradients; only the guided factor rewrites
 * ReLU gradients.
 */
export const guidedGradCam = pairExplainer<GuidedGradCamOptions>({
  id: 'guided-grad-cam',
  description: 'Guided Grad-CAM: guided backprop multiplied by the upsampled Grad-CAM map of the class',
  optionsSchema: guidedGradCamOptionsSchema,
  defaults: guidedGradCamDefaults,
  async explainPairs(ctx, options, pairs) {
    const [, h, w, c] = nhwc(ctx.input);
    const cam = await gradCamMaps(ctx.model, ctx.input, pairs, {
      variant: 'grad-cam',
      layer: options.layer,
      score: options.score,
      relu: true,
      signal: ctx.signal,
    });
    const [ch, cw] = cam.size;
    const stacked = new Float32Array(pairs.length * ch * cw);
    cam.maps.forEach((m, i) => stacked.set(m, i * ch * cw));
    const up = upsampleMaps(stacked, pairs.length, cam.size, [h, w], options.upsample).data;
    const guided = await pairGradients(ctx.model, ctx.input, pairs, {
      score: options.score,
      wrt: 'input',
      rewrite: RELU_REWRITES.guided,
      signal: ctx.signal,
    });

    const resize = options.upsample === 'bilinear' ? 'bilinearly' : 'nearest-neighbour';
    return pairs.map((pair, i) => {
      const { product, camScaled } = guidedGradCamProduct(guided.gradients[i]!, up.subarray(i * h * w, (i + 1) * h * w), c);
      const target = describeTarget(ctx, pair.classIndex);
      const camText = `the Grad-CAM map of ${target} at layer ${cam.layer} (ReLU'd, ${resize} upsampled from ${ch}×${cw}, ` + `divided by its maximum)`;
      const meaning = `(${attributionMeaning(target, options.score, 'guided', ctx.model.finalActivation)}) × ${camText}`;
      const maps = attributionMaps(product, [h, w, c], options.reduce, meaning);
      maps.extras.gradCam = makeMap(camScaled, [h, w], camText);
      return { layer: cam.layer, options: { ...options, layer: cam.layer }, ...maps };
    });
  },
});
