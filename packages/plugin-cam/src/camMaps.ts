import { VisorError, nhwc } from '@visor/core';
import type { NdArray, TargetPair, VisorModel } from '@visor/core';
import type { CamHead } from './findCamLayer.js';

/** CAM maps of a batch, and what is needed to check them against the model's scores. */
export interface CamMapsResult {
  /** Per pair, in pair order: M_c(x, y) = Σ_k w_c^k f_k(x, y), h·w values row-major. */
  maps: Float32Array[];
  /** [h, w] of the feature map. */
  size: [number, number];
  /** [N, classes]: the pre-softmax scores from the same forward pass. */
  logits: NdArray;
  /** Per pair, the bias b_c of its class (0 for a dense layer without bias). */
  bias: number[];
}

/**
 * CAM (Zhou et al. 2016) for every (input, class) pair at once: ONE forward pass to the feature map
 * f [N, h, w, K] and the logits, then per pair the product of f with the dense kernel column of the
 * class, W[:, c] (Keras orientation [K, classes], no bias). Since the head is GAP → dense, the logit of
 * class c is mean_xy M_c(x, y) + b_c. Sums are taken in double precision.
 */
export async function camMaps(model: VisorModel, input: NdArray, pairs: TargetPair[], head: CamHead): Promise<CamMapsResult> {
  const classes = model.numClasses;
  const denseWeights = model.weights(head.denseLayer);
  const kernel = denseWeights.find((t) => t.shape.length === 2);
  if (!kernel) {
    throw new VisorError(`cam: the dense layer ${head.denseLayer} of ${model.source} has no 2-D kernel`, { code: 'model', file: model.source });
  }
  const biasWeights = head.biasLayer === head.denseLayer ? denseWeights.filter((t) => t !== kernel) : model.weights(head.biasLayer);
  const biasAll = biasWeights.find((t) => t.shape.length === 1 && t.data.length === classes)?.data;
  const [features, logits] = (await model.run(input, [head.featureLayer, 'logits'])) as [NdArray, NdArray];
  const [, h, w, k] = nhwc(features);
  if (kernel.shape[0] !== k || kernel.shape[1] !== classes) {
    throw new VisorError(
      `cam: the dense layer ${head.denseLayer} of ${model.source} has a kernel of shape [${kernel.shape.join(', ')}], ` +
        `but the feature map ${head.featureLayer} has ${k} channels and the model ${classes} classes ([${k}, ${classes}] expected)`,
      { code: 'model', file: model.source },
    );
  }
  const cells = h * w;
  const f = features.data;
  const W = kernel.data;
  const maps = pairs.map(({ inputIndex, classIndex }) => {
    const map = new Float32Array(cells);
    for (let cell = 0; cell < cells; cell++) {
      const base = (inputIndex * cells + cell) * k;
      let sum = 0;
      for (let j = 0; j < k; j++) sum += f[base + j]! * W[j * classes + classIndex]!;
      map[cell] = sum;
    }
    return map;
  });
  const bias = pairs.map((p) => (biasAll ? biasAll[p.classIndex]! : 0));
  return { maps, size: [h, w], logits, bias };
}
