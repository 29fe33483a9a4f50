import { mkdtemp, readFile, rm, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { checkInputShape, isVisorError, loadModel as loadWith, Registry, type VisorError, type VisorModel } from '@visor/core';
import { engineTfjsPlugin } from '../engineTfjsPlugin.js';
import { saveLayersModel } from './saveLayersModel.js';
import { wrapLayersModel } from './wrapModel.js';

/** Core's loadModel with only this engine registered, on the cpu backend. */
const registry = new Registry([engineTfjsPlugin]);
const loadModel = async (path: string): Promise<VisorModel> => (await loadWith(path, registry, { backend: 'cpu' })).model;
import { tinyGraphTopology, tinyGraphWeightData, tinyGraphWeightSpecs } from './tinyGraphModelJson.js';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'visor-load-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** conv (1×1, 2 filters, relu; kernel [1, -1], bias [0, 0.5]) → gap → fc (softmax; [[1, .5], [2, -1]], [.25, 0]). */
function tinySequential() {
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [2, 2, 1], filters: 2, kernelSize: 1, activation: 'relu', name: 'conv' }),
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'fc' }),
    ],
  });
  const w = [tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.tensor1d([0, 0.5]), tf.tensor2d([1, 0.5, 2, -1], [2, 2]), tf.tensor1d([0.25, 0])];
  m.setWeights(w);
  tf.dispose(w);
  return m;
}

async function caught(p: Promise<unknown>): Promise<VisorError> {
  try {
    await p;
  } catch (e) {
    expect(isVisorError(e)).toBe(true);
    expect((e as VisorError).code).toBe('model');
    return e as VisorError;
  }
  throw new Error('expected a VisorError');
}

async function savedTiny(name: string): Promise<string> {
  const dir = join(root, name);
  const m = tinySequential();
  await saveLayersModel(m, dir);
  m.dispose();
  return dir;
}

describe('saveLayersModel + loadModel (layers-model)', () => {
  it('round-trips a model: same layers, same weights, same outputs; the loaded model is owned', async () => {
    const dir = await savedTiny('rt');
    expect((await readdir(dir)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['conv/kernel', 'conv/bias', 'fc/kernel', 'fc/bias']);
    // 2 + 2 + 4 + 2 float32 values
    expect((await readFile(join(dir, 'group1-shard1of1.bin'))).byteLength).toBe(10 * 4);

    const before = tf.memory().numTensors;
    const m = await loadModel(dir); // a folder containing model.json
    expect(m.format).toBe('tfjs-layers');
    expect(m.engine).toBe('cpu');
    expect(m.source).toBe(join(dir, 'model.json'));
    expect(
      m
        .layers()
        .slice(1)
        .map((l) => l.name),
    ).toEqual(['conv', 'gap', 'fc']);
    expect(m.layers().map((l) => l.kind)).toEqual(['input', 'conv', 'global-avg-pool', 'dense']);
    const [logits] = await m.run({ data: Float32Array.from([1, 2, 3, -4]), shape: [1, 2, 2, 1] }, ['logits']);
    expect(Array.from(logits!.data)).toEqual([4, -0.375]); // see layersNet.test.ts
    expect(logits!.shape).toEqual([1, 2]);
    await m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a graph-model model.json with its shard', async () => {
    const dir = join(root, 'graph');
    await mkdir(dir);
    const json = { format: 'graph-model', modelTopology: tinyGraphTopology, weightsManifest: [{ paths: ['w.bin'], weights: tinyGraphWeightSpecs }] };
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await writeFile(join(dir, 'w.bin'), new Uint8Array(tinyGraphWeightData()));
    const m = await loadModel(join(dir, 'model.json'));
    expect(m.format).toBe('tfjs-graph');
    expect(m.outputLayer).toBe('Identity');
    const [logits] = await m.run({ data: Float32Array.from([1, 2, 3, -4]), shape: [1, 2, 2, 1] }, ['logits']);
    expect(Array.from(logits!.data)).toEqual([4, -0.375]);
    await m.dispose();
  });
});

describe('loadModel errors', () => {
  it('a missing file names the path and what was expected', async () => {
    const p = join(root, 'nope', 'model.json');
    const e = await caught(loadModel(p));
    expect(e.message).toContain(p);
    expect(e.message).toMatch(/model file not found/);
    expect(e.hint).toMatch(/TF\.js model\.json .* or a folder holding one/);
  });

  it('a folder without model.json', async () => {
    const dir = join(root, 'empty');
    await mkdir(dir);
    const e = await caught(loadModel(dir));
    expect(e.message).toMatch(/not a model file Visor can read/);
    expect(e.hint).toMatch(/accepted: TF\.js model\.json/);
  });

  it('corrupt JSON names the line and column of the parse error', async () => {
    const p = join(root, 'corrupt.json');
    // line 3 is `  "modelTopology": {]`: 20 characters, then the bad "]" at column 21.
    await writeFile(p, '{\n  "format": "layers-model",\n  "modelTopology": {]\n}\n');
    const e = await caught(loadModel(p));
    expect(e.message).toContain(p);
    expect(e.message).toMatch(/not valid JSON: .*line 3 column 21/);
  });

  it('JSON that is not a model', async () => {
    const p = join(root, 'other.json');
    await writeFile(p, '{"modelTopology": {"foo": 1}}');
    const e = await caught(loadModel(p));
    expect(e.message).toMatch(/cannot tell the model format/);
  });

  it('a missing shard names the shard and the manifest listing it', async () => {
    const dir = await savedTiny('noshard');
    await rm(join(dir, 'group1-shard1of1.bin'));
    const e = await caught(loadModel(dir));
    expect(e.message).toContain(join(dir, 'group1-shard1of1.bin'));
    expect(e.message).toContain(`listed in ${join(dir, 'model.json')} weightsManifest[0].paths[0]`);
    expect(e.file).toBe(join(dir, 'group1-shard1of1.bin'));
  });

  it('a shard of the wrong byte length', async () => {
    const dir = await savedTiny('short');
    const shard = join(dir, 'group1-shard1of1.bin');
    await writeFile(shard, (await readFile(shard)).subarray(0, 36));
    const e = await caught(loadModel(dir));
    expect(e.message).toMatch(/weightsManifest\[0\] lists 4 weights of 40 bytes in total, but its shard\(s\) .*group1-shard1of1\.bin hold 36 bytes/);
  });

  it('a weight shape that does not match the topology (same byte count)', async () => {
    const dir = await savedTiny('shape');
    const p = join(dir, 'model.json');
    const json = JSON.parse(await readFile(p, 'utf8'));
    json.weightsManifest[0].weights[2].shape = [4, 1]; // fc/kernel is [2, 2]
    await writeFile(p, JSON.stringify(json));
    const vars = Object.keys(tf.engine().registeredVariables).length;
    const tensors = tf.memory().numTensors;
    const e = await caught(loadModel(dir));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(e.message).toContain(p);
    expect(e.message).toMatch(/cannot build the layers-model/);
    expect(e.hint).toMatch(/the weights do not match the topology/);
    expect(Object.keys(tf.engine().registeredVariables).length).toBe(vars);
  });

  it('a missing weight (count mismatch)', async () => {
    const dir = await savedTiny('count');
    const p = join(dir, 'model.json');
    const json = JSON.parse(await readFile(p, 'utf8'));
    json.weightsManifest[0].weights.pop(); // drop fc/bias (8 bytes at the end)
    await writeFile(p, JSON.stringify(json));
    const shard = join(dir, 'group1-shard1of1.bin');
    await writeFile(shard, (await readFile(shard)).subarray(0, 32));
    const tensors = tf.memory().numTensors;
    const e = await caught(loadModel(dir));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(e.message).toMatch(/1 of 4 weights are not set: fc\/bias/);
  });
});

describe('loadModel errors on graph models', () => {
  async function writeGraph(name: string, specs: typeof tinyGraphWeightSpecs, data: ArrayBuffer, format?: string) {
    const dir = join(root, name);
    await mkdir(dir);
    const json = { ...(format ? { format } : {}), modelTopology: tinyGraphTopology, weightsManifest: [{ paths: ['w.bin'], weights: specs }] };
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await writeFile(join(dir, 'w.bin'), new Uint8Array(data));
    return dir;
  }

  it('detects a graph model without "format" from its node list', async () => {
    const dir = await writeGraph('graph-noformat', tinyGraphWeightSpecs, tinyGraphWeightData());
    const m = await loadModel(dir);
    expect(m.format).toBe('tfjs-graph');
    await m.dispose();
  });

  it('a Const node without a manifest entry', async () => {
    // Drop fc/bias (the last 8 of 8 + 8 + 8 + 16 + 8 = 48 bytes).
    const dir = await writeGraph('graph-missing', tinyGraphWeightSpecs.slice(0, 4), tinyGraphWeightData().slice(0, 48 - 8), 'graph-model');
    const e = await caught(loadModel(dir));
    expect(e.message).toBe(`${join(dir, 'model.json')}: 1 Const node(s) of the graph have no entry in weightsManifest: fc/bias`);
  });

  it('a manifest shape different from the Const node', async () => {
    const specs = tinyGraphWeightSpecs.map((s) => (s.name === 'fc/kernel' ? { ...s, shape: [4, 1] } : s));
    const dir = await writeGraph('graph-shape', specs, tinyGraphWeightData(), 'graph-model');
    const e = await caught(loadModel(dir));
    expect(e.message).toMatch(/weight "fc\/kernel" has shape \[4, 1\] in weightsManifest but its Const node declares \[2, 2\]/);
  });
});

describe('checkInputShape', () => {
  it('accepts fitting shapes and names both shapes otherwise', () => {
    const tfm = tinySequential();
    const m = wrapLayersModel(tfm, 'tiny.json');
    expect(() => checkInputShape(m, [2, 2, 1])).not.toThrow();
    expect(() => checkInputShape(m, [5, 2, 2, 1])).not.toThrow();
    let err: unknown;
    try {
      checkInputShape(m, [3, 2, 1], 'cat.png');
    } catch (e) {
      err = e;
    }
    expect(isVisorError(err)).toBe(true);
    expect((err as VisorError).code).toBe('input');
    expect((err as VisorError).message).toBe('cat.png: input is 3×2×1 (H×W×C) but the model tiny.json expects 2×2×1');
    expect(() => checkInputShape(m, [2, 2, 3])).toThrow(/input is 2×2×3 .* expects 2×2×1/);
    expect(() => checkInputShape(m, [4])).toThrow(/expected \[height, width, channels\]/);
    tfm.dispose();
  });
});
