import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Saves a tfjs LayersModel as `model.json` + one `weights.bin` in `dir` (the standard tfjs
 * layers-model format, loadable by `tf.loadLayersModel`). Files are written to temporaries and
 * renamed, so an interrupted run never leaves a half-written model.
 *
 * @param {import('@tensorflow/tfjs').LayersModel} model
 * @param {string} dir
 * @returns {Promise<{ modelJson: string, weights: string, weightBytes: number }>}
 */
export async function saveModelToDir(model, dir) {
  mkdirSync(dir, { recursive: true });
  const modelJson = join(dir, 'model.json');
  const weights = join(dir, 'weights.bin');
  let weightBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = new Uint8Array(artifacts.weightData);
      weightBytes = data.byteLength;
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(`${weights}.tmp`, data);
      writeFileSync(`${modelJson}.tmp`, `${JSON.stringify(json)}\n`);
      renameSync(`${weights}.tmp`, weights);
      renameSync(`${modelJson}.tmp`, modelJson);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: data.byteLength } };
    }),
  );
  return { modelJson, weights, weightBytes };
}
