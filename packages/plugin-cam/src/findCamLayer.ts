import { VisorError } from '@visor/core';
import type { LayerInfo, VisorModel } from '@visor/core';
import { describeHead } from './describeHead.js';
import { headPath } from './headPath.js';

/** The classifier head CAM needs: feature map → GlobalAveragePooling2D → (Dropout/Flatten…) → Dense. */
export interface CamHead {
  /** The 4-D feature map [N, h, w, K] that feeds the pooling. */
  featureLayer: string;
  /** The GlobalAveragePooling2D layer. */
  poolLayer: string;
  /** The Dense layer whose kernel [K, classes] weighs the pooled features. */
  denseLayer: string;
  /** The head from the pooling to the output, e.g. "avg_pool (GlobalAveragePooling2D) → predictions (Dense)". */
  description: string;
}

/** Layers that pass the pooled vector through unchanged at inference time. */
const PASS_THROUGH = new Set(['Dropout', 'Flatten', 'SpatialDropout1D', 'GaussianDropout', 'AlphaDropout', 'GaussianNoise']);
/** Layers allowed after the Dense: they map logits to probabilities, not one class from another. */
const FINAL = new Set(['Activation', 'Softmax', 'Dropout']);

/**
 * Finds the layer CAM works on: the 4-D feature map feeding the model's
 * GlobalAveragePooling2D → (Dropout/Flatten…) → Dense head, walking back from the output.
 * Throws a VisorError (code `model`) naming the head it found when the head is not of that form
 * (e.g. Flatten → Dense, or two Dense layers), since CAM is then undefined: use `grad-cam`.
 */
export function findCamLayer(model: VisorModel): CamHead {
  const path = headPath(model);
  const refuse = (why: string): never => {
    throw new VisorError(
      `cam: the model ${model.source} has the head ${describeHead(path.head)}; ${why}. CAM needs the last ` +
        `feature map to go through GlobalAveragePooling2D and then one Dense layer (Dropout/Flatten between ` +
        `them, an activation after). Use grad-cam for this model.`,
      { code: 'model', file: model.source, hint: 'Use the grad-cam explainer, which works with any head.' },
    );
  };
  if (!path.feature) refuse('no layer with a 4-D output feeds it');
  const head = path.head;
  let i = 0;
  if (head[i]?.className !== 'GlobalAveragePooling2D') refuse('it does not start with GlobalAveragePooling2D');
  const pool = head[i++];
  while (i < head.length && PASS_THROUGH.has(head[i].className)) i++;
  if (head[i]?.className !== 'Dense') refuse('no Dense layer follows the pooling');
  const dense: LayerInfo = head[i++];
  for (; i < head.length; i++) {
    if (!FINAL.has(head[i].className)) refuse(`${head[i].name} (${head[i].className}) follows the Dense layer`);
  }
  return {
    featureLayer: path.feature!.name,
    poolLayer: pool.name,
    denseLayer: dense.name,
    description: describeHead(head),
  };
}
