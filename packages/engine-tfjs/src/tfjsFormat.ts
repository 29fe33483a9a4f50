import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelFormat, ModelSource } from '@visor/core';
import { readModelArtifacts } from './model/readModelArtifacts.js';

/**
 * TF.js models: a `model.json` (layers-model or graph-model) with its weight shards, or a folder
 * holding one (core passes a folder with an empty `head`). Read with `fs` and checked (JSON, format,
 * every shard present and of the right size).
 */
export const tfjsFormat: ModelFormat = {
  id: 'tfjs',
  description: 'TF.js model.json (layers-model or graph-model) with its .bin weight shards, or a folder holding one',
  detect: (file, head) => /\.json$/i.test(file) || (head.length === 0 && existsSync(join(file, 'model.json'))),
  async read(file): Promise<ModelSource> {
    const { file: json, format, artifacts } = await readModelArtifacts(file);
    return { file: json, format: format === 'graph-model' ? 'tfjs-graph' : 'tfjs-layers', kind: 'tfjs-artifacts', data: artifacts };
  },
};
