import { tf } from '../tf.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError } from '../errors/VisorError.js';
import { checkGraphWeights } from './checkGraphWeights.js';
import { readModelArtifacts } from './readModelArtifacts.js';
import { wrapGraphModel } from './wrapGraphModel.js';
import { wrapLayersModel } from './wrapLayersModel.js';

const handlerFor = (artifacts: tf.io.ModelArtifacts): tf.io.IOHandler => ({ load: async () => artifacts });

/** Variables registered in the engine (to free what a failed load created). */
const variableNames = (): Set<string> => new Set(Object.keys(tf.engine().registeredVariables));

/**
 * Loads a TF.js model from the local file system: a path to `model.json` or to a folder containing
 * one. Reads the JSON and weight shards with `fs` (no fetch), detects layers-model vs graph-model,
 * and returns it wrapped as a VisorModel that owns it (`dispose()` frees its weights).
 * Failures are VisorErrors with code 'model' naming the file and what was expected.
 */
export async function loadModel(path: string): Promise<VisorModel> {
  const { file, format, artifacts } = await readModelArtifacts(path);
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
      return wrapLayersModel(model, file, { owned: true });
    }
    checkGraphWeights(file, artifacts.modelTopology, artifacts.weightSpecs ?? []);
    const model = await tf.loadGraphModel(handlerFor(artifacts));
    try {
      return wrapGraphModel(model, file, { owned: true });
    } catch (e) {
      model.dispose();
      throw e;
    }
  } catch (e) {
    for (const [name, v] of Object.entries(tf.engine().registeredVariables)) if (!before.has(name)) v.dispose();
    if (e instanceof VisorError) throw e;
    const msg = (e as Error).message ?? String(e);
    const weightsProblem = /weight|shape mismatch|not set|no target variable|Based on the provided shape/i.test(msg);
    throw new VisorError(
      `${file}: cannot build the ${format} from this model.json: ${msg}`,
      {
        code: 'model',
        file,
        cause: e,
        hint: weightsProblem
          ? 'the weightsManifest does not match the modelTopology (weight names, count or shapes); re-export the model'
          : 'the modelTopology is not one tfjs can read; re-export the model with tensorflowjs_converter',
      },
    );
  }
}
