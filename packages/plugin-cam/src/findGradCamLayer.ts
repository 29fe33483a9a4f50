import { VisorError } from '@visor/core';
import type { LayerInfo, VisorModel } from '@visor/core';
import { headPath } from './headPath.js';
import { isSpatialMap } from './isFeatureMap.js';

/** The names of the layers the output depends on (its transitive inputs, and itself). */
function ancestorsOfOutput(model: VisorModel, layers: LayerInfo[]): Set<string> {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const found = new Set<string>();
  const stack = [model.outputLayer];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (found.has(name)) continue;
    found.add(name);
    for (const i of byName.get(name)?.inbound ?? []) stack.push(i);
  }
  return found;
}

/**
 * The layer Grad-CAM uses by default: the last layer with a spatial map (4-D output [N, h, w, C] with
 * h·w > 1) that the score depends on. That is the first such layer walking back from the output along
 * first inputs (`conv5_block3_out` in ResNet-50, `block5_pool` in VGG16); pooled 1×1 outputs are passed
 * over, so a head `AveragePooling2D(7) → Flatten → Dense` on a 7×7 map gives the 7×7 map. When the walk
 * finds none, the last such layer in topological order among the output's inputs. Throws a VisorError
 * (code `model`) when the model has no such layer.
 */
export function findGradCamLayer(model: VisorModel): string {
  const path = headPath(model);
  if (path.feature) return path.feature.name;
  const layers = model.layers();
  const ancestors = ancestorsOfOutput(model, layers);
  const maps = layers.filter((l) => ancestors.has(l.name) && isSpatialMap(l));
  const last = maps[maps.length - 1];
  if (last) return last.name;
  throw new VisorError(
    `grad-cam: the model ${model.source} has no layer with a spatial 4-D output [N, h, w, C] (h·w > 1) that ` +
      `its output depends on; Grad-CAM needs a convolutional feature map.`,
    { code: 'model', file: model.source },
  );
}
