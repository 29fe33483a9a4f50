import type { OnnxModelSpec } from '../OnnxModelSpec.js';
import { convertGraphModel } from './graph/convertGraphModel.js';
import { convertLayersModel } from './layers/convertLayersModel.js';
import { modelError } from '../modelError.js';
import type { TfjsArtifacts } from './TfjsArtifacts.js';

/**
 * Converts a TF.js model in memory (`ModelArtifacts`: a layers model or a graph model, as read from
 * model.json + shards or from a Keras file) into an ONNX forward graph with what Visor needs to run
 * it. `file` names the model in errors. A layer or op without a mapping is a VisorError (code `model`)
 * naming it.
 */
export function convertTfjsModel(artifacts: TfjsArtifacts, file: string): OnnxModelSpec {
  const topology = artifacts.modelTopology as Record<string, unknown> | undefined;
  if (topology === null || typeof topology !== 'object') throw modelError(file, 'has no modelTopology to convert');
  const format = artifacts.format ?? (Array.isArray(topology['node']) ? 'graph-model' : 'layers-model');
  if (format === 'graph-model') return convertGraphModel(artifacts, file);
  if (format === 'layers-model') return convertLayersModel(artifacts, file);
  throw modelError(file, `has format ${JSON.stringify(format)}; the ONNX conversion reads "layers-model" and "graph-model"`);
}
