import type { ModelSource } from '@visor/core';
import { VisorError } from '@visor/core';
import { randomizedArtifacts } from '../gradients/randomizedArtifacts.js';
import type { tf } from '../tf.js';
import { netFromArtifacts } from './netFromArtifacts.js';
import type { TfjsNet } from './TfjsNet.js';
import { TfjsModel } from './TfjsModel.js';

/** The manifest names of the named layers' weights. */
export function weightNamesOf(net: TfjsNet, layerNames: string[]): Set<string> {
  return new Set(layerNames.flatMap((l) => net.weightNames(l)));
}

/**
 * Builds a `tfjs-artifacts` source on the ACTIVE tfjs backend and wraps it as a TfjsModel that owns it;
 * randomised copies (sanity checks) are rebuilt from the same artifacts with the chosen layers re-initialised.
 * `engineReason` says why that backend runs it. The engine's `load` selects the backend first (Node); the
 * browser app sets its own (wasm, webgl) and calls this.
 */
export async function tfjsModelFromSource(source: ModelSource, engineReason: string): Promise<TfjsModel> {
  if (source.kind !== 'tfjs-artifacts') {
    throw new VisorError(`${source.file}: the tfjs engine runs TF.js and Keras models, not ${source.kind}`, { code: 'model', file: source.file });
  }
  const artifacts = source.data as tf.io.ModelArtifacts;
  const net = await netFromArtifacts(artifacts, source.file);
  return new TfjsModel(net, {
    format: source.format,
    engineReason,
    randomized: async (layers, seed) => netFromArtifacts(await randomizedArtifacts(artifacts, weightNamesOf(net, layers), seed), source.file),
  });
}
