import { VisorError } from '@visor/core';
import { tf } from '../tf.js';
import { withBatchNormScale } from './batchNormScale.js';
import { checkGraphWeights } from './checkGraphWeights.js';
import { graphNet } from './graphNet.js';
import { layersNet } from './layersNet.js';
import type { TfjsNet } from './TfjsNet.js';

const handlerFor = (artifacts: tf.io.ModelArtifacts): tf.io.IOHandler => ({ load: async () => artifacts });

/** Variables registered in the engine (to free what a failed load created). */
const variableNames = (): Set<string> => new Set(Object.keys(tf.engine().registeredVariables));

/**
 * Builds a tfjs LayersModel or GraphModel from model artifacts (a model.json and its weights, or what a
 * Keras-file reader produced) on the active backend, and returns it as a TfjsNet that owns it.
 * Failures are VisorErrors with code 'model' naming the file and what was expected; nothing leaks.
 */
export async function netFromArtifacts(given: tf.io.ModelArtifacts, file: string): Promise<TfjsNet> {
  const artifacts = withBatchNormScale(given);
  const format = artifacts.format === 'graph-model' ? 'graph-model' : 'layers-model';
  const before = variableNames();
  try {
    if (format === 'layers-model') {
      // tfjs decodes the weights into temporary tensors and leaks them when loadWeights throws
      // (names/shapes not matching the topology): collect them in an engine scope. The model's
      // variables are not scope-tracked, so they survive; the load is one short async step.
      const engine = tf.engine();
      engine.startScope();
      let model: tf.LayersModel;
      try {
        model = await tf.loadLayersModel(handlerFor(artifacts), { strict: true });
      } finally {
        engine.endScope();
      }
      return layersNet(model, file, { owned: true });
    }
    checkGraphWeights(file, artifacts.modelTopology, artifacts.weightSpecs ?? []);
    const model = await tf.loadGraphModel(handlerFor(artifacts));
    try {
      return graphNet(model, file, { owned: true });
    } catch (e) {
      model.dispose();
      throw e;
    }
  } catch (e) {
    for (const [name, v] of Object.entries(tf.engine().registeredVariables)) if (!before.has(name)) v.dispose();
    if (e instanceof VisorError) throw e;
    const msg = (e as Error).message ?? String(e);
    const weightsProblem = /weight|shape mismatch|not set|no target variable|Based on the provided shape/i.test(msg);
    throw new VisorError(`${file}: cannot build the ${format} from this model: ${msg}`, {
      code: 'model',
      file,
      cause: e,
      hint: weightsProblem
        ? 'the weights do not match the topology (weight names, count or shapes); re-export the model'
        : 'the topology is not one tfjs can read; re-export the model with tensorflowjs_converter',
    });
  }
}
