import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '../tf.js';
import { VisorError } from '@visor/core';

const SHARD = 'group1-shard1of1.bin';

function joinWeightData(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data);
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out;
}

/**
 * Saves a LayersModel as a TF.js layers-model folder: `model.json` and one weight shard
 * `group1-shard1of1.bin`. Each file is written to a temporary name and renamed into place,
 * the shard first, so a reader never sees a model.json whose shard is missing or partial.
 */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new VisorError(`${dir}: cannot create the model folder (${(e as Error).message})`, { code: 'model', file: dir, cause: e });
  }
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  const handler: tf.io.IOHandler = {
    save: async (artifacts) => {
      const weights = joinWeightData(artifacts.weightData);
      const json = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [SHARD], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      const shardPath = join(dir, SHARD);
      const jsonPath = join(dir, 'model.json');
      const tmpShard = shardPath + tag;
      const tmpJson = jsonPath + tag;
      try {
        await writeFile(tmpShard, weights);
        await writeFile(tmpJson, JSON.stringify(json));
        await rename(tmpShard, shardPath);
        await rename(tmpJson, jsonPath);
      } catch (e) {
        await rm(tmpShard, { force: true });
        await rm(tmpJson, { force: true });
        throw new VisorError(`${dir}: cannot write the model (${(e as Error).message})`, { code: 'model', file: dir, cause: e });
      }
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
  await model.save(handler);
}
