import type { EngineLoadOptions, ModelSource } from '@visor/core';
import { VisorError } from '@visor/core';
import { selectBackend } from '../backend/selectBackend.js';
import type { BackendChoice } from '../backend/BackendChoice.js';
import { readModelArtifacts } from './readModelArtifacts.js';
import { tfjsModelFromSource } from './tfjsModelFromSource.js';
import type { TfjsModel } from './TfjsModel.js';

/**
 * The tfjs engine's load: activates the requested backend (`auto`: tensorflow → wasm → cpu), builds
 * the model from its artifacts and wraps it as a TfjsModel that owns it (`tfjsModelFromSource`).
 */
export async function loadTfjsModel(source: ModelSource, options: EngineLoadOptions): Promise<TfjsModel> {
  if (source.kind !== 'tfjs-artifacts') {
    throw new VisorError(`${source.file}: the tfjs engine runs TF.js and Keras models, not ${source.kind}`, { code: 'model', file: source.file });
  }
  const backend = await selectBackend(options.backend as BackendChoice);
  return tfjsModelFromSource(source, backend.reason);
}

/**
 * A TF.js model.json (or a folder holding one) loaded straight onto the tfjs engine, for scripts and
 * tests that want the tfjs model itself (`.tfModel`); applications load through core's `loadModel`.
 */
export async function loadTfjsFile(path: string, backend = 'auto'): Promise<TfjsModel> {
  const { file, format, artifacts } = await readModelArtifacts(path);
  return loadTfjsModel({ file, format: format === 'graph-model' ? 'tfjs-graph' : 'tfjs-layers', kind: 'tfjs-artifacts', data: artifacts }, { backend });
}
