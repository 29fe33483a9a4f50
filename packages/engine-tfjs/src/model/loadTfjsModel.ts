import type { EngineLoadOptions, ModelSource } from '@visor/core';
import { VisorError } from '@visor/core';
import { selectBackend } from '../backend/selectBackend.js';
import type { BackendChoice } from '../backend/BackendChoice.js';
import { randomizedArtifacts } from '../gradients/randomizedArtifacts.js';
import type { tf } from '../tf.js';
import { netFromArtifacts } from './netFromArtifacts.js';
import { readModelArtifacts } from './readModelArtifacts.js';
import type { TfjsNet } from './TfjsNet.js';
import { TfjsModel } from './TfjsModel.js';

/** The manifest names of the named layers' weights. */
export function weightNamesOf(net: TfjsNet, layerNames: string[]): Set<string> {
  return new Set(layerNames.flatMap((l) => net.weightNames(l)));
}

/**
 * The tfjs engine's load: activates the requested backend (`auto`: tensorflow → wasm → cpu), builds
 * the model from its artifacts and wraps it as a TfjsModel that owns it. Randomised copies (sanity
 * checks) are rebuilt from the same artifacts with the chosen layers re-initialised.
 */
export async function loadTfjsModel(source: ModelSource, options: EngineLoadOptions): Promise<TfjsModel> {
  if (source.kind !== 'tfjs-artifacts') {
    throw new VisorError(`${source.file}: the tfjs engine runs TF.js and Keras models, not ${source.kind}`, { code: 'model', file: source.file });
  }
  const backend = await selectBackend(options.backend as BackendChoice);
  const artifacts = source.data as tf.io.ModelArtifacts;
  const net = await netFromArtifacts(artifacts, source.file);
  return new TfjsModel(net, {
    format: source.format,
    engineReason: backend.reason,
    randomized: async (layers, seed) => netFromArtifacts(await randomizedArtifacts(artifacts, weightNamesOf(net, layers), seed), source.file),
  });
}

/**
 * A TF.js model.json (or a folder holding one) loaded straight onto the tfjs engine, for scripts and
 * tests that want the tfjs model itself (`.tfModel`); applications load through core's `loadModel`.
 */
export async function loadTfjsFile(path: string, backend = 'auto'): Promise<TfjsModel> {
  const { file, format, artifacts } = await readModelArtifacts(path);
  return loadTfjsModel({ file, format: format === 'graph-model' ? 'tfjs-graph' : 'tfjs-layers', kind: 'tfjs-artifacts', data: artifacts }, { backend });
}
