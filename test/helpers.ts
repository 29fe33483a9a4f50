import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { saveLayersModel, tf } from '@visor/engine-tfjs';

/** Every file below `dir`, relative, sorted (temp files included, so tests can prove there are none). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  }
  return out.sort();
}

export async function tempDir(prefix = 'visor-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes an RGB PNG whose pixel (x, y) is (f(x,y), 2·f, 3·f) mod 256. */
export async function writePng(path: string, width: number, height: number, f: (x: number, y: number) => number): Promise<void> {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = f(x, y);
      png.data.set([v % 256, (2 * v) % 256, (3 * v) % 256, 255], (y * width + x) * 4);
    }
  await writeFile(path, PNG.sync.write(png));
}

/**
 * A small seeded CNN with a conv → ReLU → GAP → Dense(softmax) head over 16×16×3 inputs and 4 classes,
 * saved as a TF.js layers model in `dir`.
 */
export async function saveTinyCnn(dir: string): Promise<string> {
  const input = tf.input({ shape: [16, 16, 3] });
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  let x = tf.layers
    .conv2d({ name: 'conv1', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({ name: 'conv2', filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ name: 'predictions', units: 4, activation: 'softmax', kernelInitializer: init(3) }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  await saveLayersModel(model, dir);
  model.dispose();
  return join(dir, 'model.json');
}

/** Writes a float32 little-endian .npy file of the given shape (C order). */
export async function writeNpy(path: string, shape: number[], values: ArrayLike<number>): Promise<void> {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + header.length + 1;
  const padded = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(padded.length, 8);
  const data = Buffer.from(Float32Array.from(values).buffer);
  await writeFile(path, Buffer.concat([head, Buffer.from(padded, 'latin1'), data]));
}
