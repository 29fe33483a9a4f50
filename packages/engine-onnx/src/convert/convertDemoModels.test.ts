import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TfjsArtifacts } from './TfjsArtifacts.js';
import { compareWithTfjs, tf, useCpu } from './tfjsReference.testkit.js';

beforeAll(useCpu);

const demo = fileURLToPath(new URL('../../../../examples/demo/models/', import.meta.url));

/** A model.json and its shards read the way tf.io reads them. */
function readArtifacts(dir: string): TfjsArtifacts {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const groups = json.weightsManifest as { paths: string[]; weights: TfjsArtifacts['weightSpecs'] }[];
  const weightData = groups.flatMap((g) => g.paths.map((p) => new Uint8Array(readFileSync(join(dir, p))).buffer));
  return { modelTopology: json.modelTopology, weightSpecs: groups.flatMap((g) => g.weights ?? []), weightData, format: json.format };
}

describe('the bundled demo models, converted from their files', () => {
  for (const variant of ['clean', 'clever-hans']) {
    it(`${variant}: every layer equal to TF.js, head_relu bound for CAM, gap → predictions softmax`, async () => {
      const artifacts = readArtifacts(join(demo, variant));
      const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
      const { spec, worst, shapeMismatches } = await compareWithTfjs(model, { batch: 3, seed: 7, artifacts });
      model.dispose();
      expect(shapeMismatches).toEqual([]);
      expect(worst.diff, worst.layer).toBeLessThan(1e-5);
      expect(spec.input).toEqual({ name: 'input', layout: 'NHWC', shape: [64, 64, 3] });
      expect(spec.layers.find((l) => l.name === 'conv1')?.activation).toBe('relu');
      expect(spec.layers.find((l) => l.name === 'gap')).toMatchObject({ kind: 'global-avg-pool', inbound: ['head_relu'] });
      expect(spec.finalActivation).toBe('softmax');
      expect(spec.weights('predictions').map((w) => w.shape)).toEqual([[64, 5], [5]]);
    });
  }
});
