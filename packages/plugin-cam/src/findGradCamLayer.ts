import { VisorError } from '@visor/core';
import type { VisorModel } from '@visor/core';
import { headPath } from './headPath.js';
import { isFeatureMap } from './isFeatureMap.js';

/**
 * The layer Grad-CAM uses by default: the last layer with a 4-D output [N, h, w, C] before the
 * classifier head (walking back from the output), else the last 4-D layer of the model in
 * topological order. Throws a VisorError (code `model`) when the model has no such layer.
 */
export function findGradCamLayer(model: VisorModel): string {
  const path = headPath(model);
  if (path.feature) return path.feature.name;
  const maps = model.layers().filter(isFeatureMap);
  const last = maps[maps.length - 1];
  if (last) return last.name;
  throw new VisorError(
    `grad-cam: the model ${model.source} has no layer with a 4-D output [N, h, w, C]; Grad-CAM needs a ` +
      `convolutional feature map.`,
    { code: 'model', file: model.source },
  );
}
