import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../tf.js';
import { isVisorError } from '@visor/core';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './kerasFixtures.testkit.js';
import { readKerasFile } from './readKerasFile.js';

/** The VisorError readKerasFile throws for a file. */
async function failure(file: string) {
  const err = await readKerasFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVisorError(err)) throw new Error(`expected a VisorError for ${file}, got ${String(err)}`);
  expect(err.code).toBe('model');
  expect(err.file).toBe(file);
  expect(err.message.startsWith(`${file}: `)).toBe(true);
  return err;
}

let tmp: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  tmp = await mkdtemp(join(tmpdir(), 'visor-keras-bad-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('broken or unsuitable Keras files: a VisorError naming the file and what is wrong', () => {
  it('a truncated .h5', async () => {
    const e = await failure(fixture('bad_truncated.h5'));
    expect(e.message).toMatch(/not a readable HDF5 file/);
  });

  it('a weights-only .h5 (save_weights) is not a model', async () => {
    const e = await failure(fixture('bad_weights_only.h5'));
    expect(e.message).toMatch(/weights-only/);
    expect(e.hint).toMatch(/model\.save\('model\.keras'\)/);
  });

  it('a .keras zip without config.json', async () => {
    const e = await failure(fixture('bad_no_config.keras'));
    expect(e.message).toMatch(/no config\.json/);
  });

  it('an unknown layer class: names the layer and the class', async () => {
    const e = await failure(fixture('bad_unknown_layer.h5'));
    expect(e.message).toMatch(/layer 'bn1' \(GroupNormalization\): unknown layer class/);
    expect(e.hint).toMatch(/BatchNormalization/);
  });

  it('a missing weight (.h5): names the layer, the weight and its shape', async () => {
    const e = await failure(fixture('bad_missing_weight.h5'));
    expect(e.message).toMatch(/layer 'conv2' \(Conv2D\): weight 'bias' \(shape \[4\]\) is missing from the file/);
  });

  it('a missing weight (.keras, vars/3 of the BatchNormalization)', async () => {
    const e = await failure(fixture('bad_missing_weight.keras'));
    expect(e.message).toMatch(/layer 'bn1' \(BatchNormalization\): weight 'moving_variance' \(shape \[4\]\) is missing/);
  });

  it('a shape mismatch: names the layer and both shapes', async () => {
    const e = await failure(fixture('bad_shape_mismatch.h5'));
    expect(e.message).toMatch(/layer 'predictions' \(Dense\): weight 'kernel' has shape \[4, 2\] in the file/);
    expect(e.message).toMatch(/config makes it \[4, 3\]/);
  });

  it('a missing file, a file that is neither HDF5 nor zip, a truncated zip', async () => {
    const missing = join(tmp, 'nope.h5');
    const e1 = await readKerasFile(missing).catch((e: unknown) => e);
    expect(isVisorError(e1) && e1.message).toMatch(/nope\.h5: model file not found/);

    const text = join(tmp, 'model.h5');
    await writeFile(text, 'not a model');
    expect((await failure(text)).message).toMatch(/neither an HDF5 file/);

    const whole = readFileSync(fixture('tiny_cnn.keras'));
    const cut = join(tmp, 'cut.keras');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect((await failure(cut)).message).toMatch(/not a readable zip archive/);
  });

  it('extra weights the config has no place for', async () => {
    const parts = unzipSync(readFileSync(fixture('tiny_cnn.keras')));
    // The same weights, but a config without conv2 and the Add: conv2's vars have no layer.
    const config = JSON.parse(new TextDecoder().decode(parts['config.json']));
    const layers = config.config.layers as { name: string; inbound_nodes: { args: unknown[] }[] }[];
    config.config.layers = layers.filter((l) => l.name !== 'conv2' && l.name !== 'add');
    const gap = config.config.layers.find((l: { name: string }) => l.name === 'gap');
    gap.inbound_nodes[0].args[0].config.keras_history = ['pool1', 0, 0];
    parts['config.json'] = new TextEncoder().encode(JSON.stringify(config));
    const file = join(tmp, 'extra.keras');
    await writeFile(file, zipSync(parts, { level: 0 }));
    const e = await failure(file);
    // conv2 was the second Conv2D (layers/conv2d_1): with one Conv2D left, its weights belong to no layer.
    expect(e.message).toMatch(/weight\(s\) the model's config has no place for: \/layers\/conv2d_1\/vars\/0/);
  });
});
