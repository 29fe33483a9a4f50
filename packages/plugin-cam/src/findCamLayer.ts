import { VisorError } from '@visor/core';
import type { LayerInfo, VisorModel } from '@visor/core';
import { describeHead } from './describeHead.js';
import { headPath } from './headPath.js';

/** The classifier head CAM needs: feature map → GlobalAveragePooling2D → (Dropout/Flatten…) → Dense. */
export interface CamHead {
  /** The 4-D feature map [N, h, w, K] that feeds the pooling. */
  featureLayer: string;
  /** The GlobalAveragePooling2D layer (or graph `Mean` node). */
  poolLayer: string;
  /** The Dense layer (or graph `MatMul` node) whose kernel [K, classes] weighs the pooled features. */
  denseLayer: string;
  /** The layer holding the class bias (the Dense itself, or a graph `BiasAdd` after `MatMul`); null when none. */
  biasLayer: string | null;
  /** The head from the pooling to the output, e.g. "avg_pool (GlobalAveragePooling2D) → predictions (Dense)". */
  description: string;
}

/** Spatial mean pooling: the Keras layer, or a graph `Mean` node (its axes are checked to be [1, 2]). */
const POOL = new Set(['GlobalAveragePooling2D', 'Mean']);
/** Layers/ops that pass the pooled vector through unchanged at inference time. */
const PASS_THROUGH = new Set(['Dropout', 'Flatten', 'Reshape', 'Squeeze', 'Identity', 'GaussianDropout', 'AlphaDropout', 'GaussianNoise']);
/** The linear map from pooled features to class scores. */
const DENSE = new Set(['Dense', 'MatMul', '_FusedMatMul']);
/** Layers/ops allowed after the Dense: they map logits to probabilities, not one class to another. */
const FINAL = new Set(['Activation', 'Softmax', 'Dropout', 'Identity']);

/**
 * Finds the layer CAM works on: the 4-D feature map feeding the model's
 * GlobalAveragePooling2D → (Dropout/Flatten…) → Dense head, walking back from the output (graph
 * models: Mean over [1, 2] → MatMul → BiasAdd → Softmax). Throws a VisorError (code `model`) naming
 * the head it found when the head is not of that form (e.g. Flatten → Dense, or two Dense layers),
 * since CAM is then undefined: use `grad-cam`.
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
  const feature = path.feature ?? refuse('no layer with a 4-D output feeds it');
  const head = path.head;
  let i = 0;
  if (!POOL.has(head[i]?.className)) refuse('it does not start with GlobalAveragePooling2D');
  const pool = head[i++];
  if (pool.className === 'Mean' && !meanOverSpace(model, pool)) refuse(`${pool.name} (Mean) does not average over height and width`);
  while (i < head.length && PASS_THROUGH.has(head[i].className)) i++;
  if (!DENSE.has(head[i]?.className)) refuse('no Dense layer follows the pooling');
  const dense: LayerInfo = head[i++];
  let biasLayer: string | null = dense.className === 'MatMul' ? null : dense.name;
  if (dense.className === 'MatMul' && head[i]?.className === 'BiasAdd') biasLayer = head[i++].name;
  for (; i < head.length; i++) {
    if (!FINAL.has(head[i].className)) refuse(`${head[i].name} (${head[i].className}) follows the Dense layer`);
  }
  return {
    featureLayer: feature.name,
    poolLayer: pool.name,
    denseLayer: dense.name,
    biasLayer,
    description: describeHead(head),
  };
}

/** A graph `Mean` node whose constant axes are [1, 2] and which keeps no spatial axis. */
function meanOverSpace(model: VisorModel, pool: LayerInfo): boolean {
  const axes = model.weights(pool.name).find((t) => t.rank === 1 && t.size === 2 && t.dtype === 'int32');
  if (!axes) return pool.outputShape.length === 2;
  const [a, b] = Array.from(axes.dataSync()).sort();
  return a === 1 && b === 2 && pool.outputShape.length === 2;
}
