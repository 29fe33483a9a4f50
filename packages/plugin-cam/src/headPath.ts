import type { LayerInfo, VisorModel } from '@visor/core';
import { isSpatialMap } from './isFeatureMap.js';

/** The model's classifier head: the layers from the last spatial feature map (exclusive) to the output. */
export interface HeadPath {
  /** The last layer with a spatial map (4-D, h·w > 1) on the path back from the output; null when none is reached. */
  feature: LayerInfo | null;
  /** The layers after it, in forward order, ending with the output layer. */
  head: LayerInfo[];
}

/**
 * Walks from the output layer back along first inbound links until a layer with a spatial 4-D output
 * [N, h, w, C], h·w > 1, is reached (pooled 1×1 maps belong to the head). A layer with several
 * inputs on the way (Concatenate, Add of pooled vectors) does not end the walk; its first input is followed.
 * A nested model (a backbone) is walked into, so its last inner layer is the feature map found.
 */
export function headPath(model: VisorModel): HeadPath {
  const head: LayerInfo[] = [];
  let current: LayerInfo | undefined = model.layer(model.outputLayer);
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    if (isSpatialMap(current)) return { feature: current, head: head.reverse() };
    // A nested model's own node passes its last inner layer's output on: walk into it, it is not part of the head.
    if (current.kind !== 'model') head.push(current);
    const next: string | undefined = current.inbound[0];
    current = next === undefined ? undefined : model.layer(next);
  }
  return { feature: null, head: head.reverse() };
}
