import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Loads a tfjs layers model (`model.json` + its weight files) from disk without tfjs-node,
 * via `tf.io.fromMemory`. For the demo's scripts and tests; Visor's own loader lives in core.
 *
 * @param {string} modelJsonPath path to model.json
 * @returns {Promise<import('@tensorflow/tfjs').LayersModel>}
 */
export async function loadModelFromDir(modelJsonPath) {
  let json;
  try {
    json = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
  } catch (e) {
    throw new Error(`loadModelFromDir: cannot read ${modelJsonPath} as JSON (${e.message}); expected a tfjs layers model.json`, { cause: e });
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`loadModelFromDir: ${modelJsonPath} has no modelTopology/weightsManifest; expected a tfjs layers model.json`);
  }
  const specs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(readFileSync(join(dirname(modelJsonPath), p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }));
}
