import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../tf.js';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, expectRelClose, fixture, predictFlat } from './kerasFixtures.testkit.js';
import { disposeLayersModel } from './disposeLayersModel.js';
import { kerasFormat } from './kerasFormats.js';
import { readKerasFile } from './readKerasFile.js';

async function load(name: string) {
  const source = await readKerasFile(name);
  const model = await tf.loadLayersModel({ load: async () => source.data });
  return { source, model };
}

let tmp: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  tmp = await mkdtemp(join(tmpdir(), 'visor-keras-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('readKerasFile: outputs match the numpy forward pass of make_keras_fixtures.py', () => {
  const cases: [string, string, string][] = [
    ['tiny_cnn.h5', 'tiny_cnn', 'keras-h5'],
    ['tiny_cnn.keras', 'tiny_cnn', 'keras'],
    ['tiny_cnn_chunked.h5', 'tiny_cnn', 'keras-h5'],
    ['nested_backbone.h5', 'nested', 'keras-h5'],
    ['nested_backbone.keras', 'nested', 'keras'],
    ['nested_backbone_keras3.h5', 'nested', 'keras-h5'],
    ['binary_sigmoid.h5', 'binary_sigmoid', 'keras-h5'],
    ['multilabel_sigmoid.h5', 'multilabel_sigmoid', 'keras-h5'],
    ['regression.h5', 'regression', 'keras-h5'],
  ];
  for (const [file, key, format] of cases) {
    it(`${file}: predict ≤ 1e-5 relative to the reference`, async () => {
      const { source, model } = await load(fixture(file));
      try {
        expect(source).toMatchObject({ file: fixture(file), format, kind: 'tfjs-artifacts' });
        expect(source.data.format).toBe('layers-model');
        const { shape, values } = predictFlat(model, EXPECTED[key]!);
        expect(shape).toEqual(EXPECTED[key]!.outputShape);
        expectRelClose(values, EXPECTED[key]!.output);
      } finally {
        disposeLayersModel(model);
      }
    });
  }

  it('the heads keep their own activation: sigmoid (1 and 5 outputs) and linear', async () => {
    for (const [file, units, activation] of [
      ['binary_sigmoid.h5', 1, 'sigmoid'],
      ['multilabel_sigmoid.h5', 5, 'sigmoid'],
      ['regression.h5', 3, 'linear'],
    ] as const) {
      const { model } = await load(fixture(file));
      const head = model.layers[model.layers.length - 1]!.getConfig();
      expect([head.units, head.activation]).toEqual([units, activation]);
      disposeLayersModel(model);
    }
  });

  it('leaves no tensors behind (the model built to check the weights is disposed)', async () => {
    const before = tf.memory().numTensors;
    await readKerasFile(fixture('nested_backbone.keras'));
    await readKerasFile(fixture('tiny_cnn.h5'));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('nested models', () => {
  for (const file of ['nested_backbone.h5', 'nested_backbone.keras', 'nested_backbone_keras3.h5']) {
    it(`${file}: the backbone loads as a nested model, each inner weight in the variable of its name`, async () => {
      const { source, model } = await load(fixture(file));
      try {
        // A Sequential's InputLayer stays a layer, as in a model.json the tfjs converter makes of it.
        expect(model.layers.map((l) => l.name).slice(1)).toEqual(['backbone', 'gap', 'head']);
        expect(model.layers[0]!.getClassName()).toBe('InputLayer');
        const backbone = model.getLayer('backbone');
        expect(backbone).toBeInstanceOf(tf.LayersModel);
        const inner = (backbone as tf.LayersModel).layers.map((l) => l.name);
        expect(inner.slice(1)).toEqual(['bb_conv1', 'bb_bn1', 'bb_dw', 'bb_conv2']);
        // tfjs names nested weights by their innermost layer (bb_conv1/kernel), as its converter does.
        const reference = EXPECTED.nested!.weights!;
        const names = source.data.weightSpecs!.map((s) => s.name);
        for (const name of Object.keys(reference)) expect(names).toContain(name);
        for (const w of backbone.weights) {
          expect(reference[w.originalName], w.originalName).toBeDefined();
          expect(Array.from(w.read().dataSync())).toEqual(reference[w.originalName]!.map(Math.fround));
        }
        expect(backbone.weights).toHaveLength(Object.keys(reference).length);
      } finally {
        disposeLayersModel(model);
      }
    });
  }
});

describe('containers', () => {
  it('reads a .keras model saved unzipped (a folder with config.json and model.weights.h5)', async () => {
    const dir = join(tmp, 'tiny_cnn_folder');
    const entries = unzipSync(readFileSync(fixture('tiny_cnn.keras')));
    await mkdir(dir);
    for (const [name, bytes] of Object.entries(entries)) await writeFile(join(dir, name), bytes);
    const { source, model } = await load(dir);
    expect(source.format).toBe('keras');
    expectRelClose(predictFlat(model, EXPECTED.tiny_cnn!).values, EXPECTED.tiny_cnn!.output);
    disposeLayersModel(model);
    // core hands folders to the formats with an empty head: the keras format claims this one
    expect(kerasFormat.detect(dir, new Uint8Array(0))).toBe(true);
    expect(kerasFormat.detect(tmp, new Uint8Array(0))).toBe(false);
  });

  it('tells HDF5 from zip by content, not by the file name', async () => {
    const renamed = join(tmp, 'actually-hdf5.keras');
    await copyFile(fixture('tiny_cnn.h5'), renamed);
    expect((await readKerasFile(renamed)).format).toBe('keras-h5');
  });

  it('removes the temporary copy of model.weights.h5', async () => {
    const mine = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`visor-keras-${process.pid}-`));
    const before = await mine();
    await readKerasFile(fixture('tiny_cnn.keras'));
    await expect(readKerasFile(fixture('bad_missing_weight.keras'))).rejects.toThrow();
    expect(await mine()).toEqual(before);
  });
});
