import { tf } from '../tf.js';
import { randomizedArtifacts } from '../gradients/randomizedArtifacts.js';
import { graphNet } from './graphNet.js';
import { layersNet, type WrapOptions } from './layersNet.js';
import { weightNamesOf } from './tfjsModelFromSource.js';
import { netFromArtifacts } from './netFromArtifacts.js';
import type { TfjsNet } from './TfjsNet.js';
import { TfjsModel } from './TfjsModel.js';
import { artifactsOf } from './artifactsOf.js';

function wrap(net: TfjsNet, model: tf.LayersModel | tf.GraphModel, source: string): TfjsModel {
  return new TfjsModel(net, {
    format: 'in-memory',
    randomized: async (layers, seed) => netFromArtifacts(await randomizedArtifacts(await artifactsOf(model), weightNamesOf(net, layers), seed), source),
  });
}

/**
 * Wraps an in-memory tfjs LayersModel (Sequential or functional, channels-last image classifier with one
 * input [N, H, W, C] and an output [N, K]) as a VisorModel on the active backend. `owned`: whether
 * `dispose()` frees the tfjs model.
 */
export function wrapLayersModel(model: tf.LayersModel, source = 'in-memory LayersModel', options: WrapOptions = {}): TfjsModel {
  return wrap(layersNet(model, source, options), model, source);
}

/** Wraps an in-memory tfjs GraphModel (one image input [N, H, W, C], one output [N, K]) as a VisorModel. */
export function wrapGraphModel(model: tf.GraphModel, source = 'in-memory GraphModel', options: WrapOptions = {}): TfjsModel {
  return wrap(graphNet(model, source, options), model, source);
}
