import { VisorError } from '@visor/core';
import type { LayerInfo, LayerKind, VisorModel } from '@visor/core';
import { headPath } from './headPath.js';
import { isFeatureMap, isSpatialMap } from './isFeatureMap.js';

/** The classifier head CAM needs: feature map → global average pooling → (flatten/dropout…) → dense (+ bias). */
export interface CamHead {
  /** The 4-D feature map [N, h, w, K] that feeds the pooling. */
  featureLayer: string;
  /** The global average pooling (Keras GlobalAveragePooling2D, a graph `Mean` over height and width, ONNX GlobalAveragePool/ReduceMean). */
  poolLayer: string;
  /** The dense layer (Keras Dense, graph MatMul, ONNX Gemm/MatMul) whose kernel [K, classes] weighs the pooled features. */
  denseLayer: string;
  /** The layer holding the class bias: a `bias` layer after the dense one (graph BiasAdd, ONNX Add), else the dense layer itself (its bias weight, 0 when it has none). */
  biasLayer: string;
  /** The head from the pooling to the output, e.g. "avg_pool (GlobalAveragePooling2D) → predictions (Dense)". */
  description: string;
}

/** Layers that pass the pooled vector through unchanged at inference time. */
const PASS_THROUGH = new Set<LayerKind>(['reshape', 'identity']);
/** Layers allowed after the dense one (and its bias): they map logits to probabilities, not one class to another. */
const FINAL = new Set<LayerKind>(['softmax', 'activation', 'identity']);

/**
 * Finds the layer CAM works on from the layers' engine-neutral kinds, so the same code reads a Keras
 * model, a TF graph model and an ONNX graph: walking back from the output along first inputs to a
 * `global-avg-pool`, the head must be
 *
 *   global-avg-pool → (reshape | identity)* → dense → bias? → (softmax | activation | identity)*
 *
 * (Keras: GlobalAveragePooling2D → Dropout/Flatten → Dense; graph: Mean over [1, 2] → MatMul → BiasAdd →
 * Softmax; ONNX: GlobalAveragePool → Flatten → Gemm, or ReduceMean → Reshape → MatMul → Add → Softmax),
 * and the pooling must turn the 4-D map [N, h, w, K] that feeds it into K values per input. Throws a
 * VisorError (code `model`) naming the head it found when the head is not of that form (e.g. Flatten →
 * Dense, or two dense layers), since CAM is then undefined: use `grad-cam`.
 */
export function findCamLayer(model: VisorModel): CamHead {
  const refuse = (head: LayerInfo[], why: string): never => {
    throw new VisorError(
      `cam: the model ${model.source} has the head ${describeHead(head)}; ${why}. CAM needs the last ` +
        `feature map to go through a global average pooling and then one dense layer (flatten/dropout between ` +
        `them, an activation after). Use grad-cam for this model.`,
      { code: 'model', file: model.source, hint: 'Use the grad-cam explainer, which works with any head.' },
    );
  };
  // Back from the output to the first global average pooling, stopping at a spatial map or the input.
  const back: LayerInfo[] = [];
  let current: LayerInfo | undefined = model.layer(model.outputLayer);
  const seen = new Set<string>();
  while (current && !seen.has(current.name) && current.kind !== 'global-avg-pool' && current.kind !== 'input' && !isSpatialMap(current)) {
    seen.add(current.name);
    back.push(current);
    current = current.inbound[0] === undefined ? undefined : model.layer(current.inbound[0]);
  }
  if (current?.kind !== 'global-avg-pool') {
    const path = headPath(model);
    if (!path.feature) refuse(path.head, 'no layer with a spatial 4-D output feeds it');
    return refuse(path.head, 'it does not start with a global average pooling');
  }
  const pool = current;
  const head = [pool, ...back.reverse()];
  let feature = pool.inbound[0] === undefined ? undefined : model.layer(pool.inbound[0]);
  // A nested model (a backbone) feeding the pooling: its last inner layer is the feature map.
  while (feature?.kind === 'model' && feature.inbound[0] !== undefined) feature = model.layer(feature.inbound[0]);
  if (!feature || !isFeatureMap(feature)) refuse(head, `${pool.name} (${pool.className}) is not fed by a 4-D feature map`);
  if (!poolsOverSpace(model, pool, (feature as LayerInfo).outputShape[3]!)) {
    refuse(head, `${pool.name} (${pool.className}) does not average over height and width`);
  }
  let i = 1;
  while (i < head.length && PASS_THROUGH.has(head[i]!.kind)) i++;
  if (head[i]?.kind !== 'dense') refuse(head, 'no dense layer follows the pooling');
  const dense = head[i++]!;
  let biasLayer = dense.name;
  if (head[i]?.kind === 'bias') biasLayer = head[i++]!.name;
  for (; i < head.length; i++) {
    if (!FINAL.has(head[i]!.kind)) refuse(head, `${head[i]!.name} (${head[i]!.className}) follows the dense layer`);
  }
  return {
    featureLayer: (feature as LayerInfo).name,
    poolLayer: pool.name,
    denseLayer: dense.name,
    biasLayer,
    description: describeHead(head),
  };
}

/**
 * Whether a `global-avg-pool` turns [N, h, w, K] into the K channel means: its output holds K values
 * per input ([N, K] or [N, 1, 1, K]); and when the engine exposes the reduced axes as the layer's one
 * weight (a TF graph `Mean` node's constant axes input), they are the channels-last spatial axes {1, 2}.
 */
function poolsOverSpace(model: VisorModel, pool: LayerInfo, channels: number | null): boolean {
  const out = pool.outputShape.slice(1);
  if (channels !== null && (out[out.length - 1] !== channels || out.slice(0, -1).some((d) => d !== 1))) return false;
  const weights = model.weights(pool.name);
  if (weights.length === 1 && weights[0]!.shape.length === 1) {
    const axes = Array.from(weights[0]!.data).sort((a, b) => a - b);
    return axes.length === 2 && axes[0] === 1 && axes[1] === 2;
  }
  return true;
}

/** "flatten_1 (Flatten) → fc1 (Dense) → predictions (Dense)". */
function describeHead(layers: LayerInfo[]): string {
  if (layers.length === 0) return '(no layers after the last feature map)';
  return layers.map((l) => `${l.name} (${l.className})`).join(' → ');
}
