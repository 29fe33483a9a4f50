import { VisorError } from '@visor/core';
import type { LayerInfo, VisorModel } from '@visor/core';
import { isFeatureMap, isSpatialMap } from './isFeatureMap.js';

/**
 * The named layer, checked to have a 4-D output [N, h, w, C]. An unknown name throws the model's own
 * error (which lists the closest names); a layer of another rank throws a VisorError (code `config`)
 * that names the option, the layer's shape and some layers that would do.
 */
export function featureLayer(model: VisorModel, name: string, method: string): LayerInfo {
  const info = model.layer(name);
  if (isFeatureMap(info)) return info;
  const candidates = model
    .layers()
    .filter(isSpatialMap)
    .slice(-3)
    .map((l) => l.name);
  const shape = `[${info.outputShape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
  throw new VisorError(
    `${method}: option layer = '${name}' names a ${info.className} layer with output shape ${shape}, not a ` +
      `4-D feature map [N, h, w, C]. Accepted: a layer with a 4-D output` +
      (candidates.length > 0 ? `, e.g. ${candidates.join(', ')}.` : ' (this model has none).'),
    { code: 'config', file: model.source },
  );
}
