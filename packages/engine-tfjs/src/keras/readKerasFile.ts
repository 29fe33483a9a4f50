import type { ModelSource } from '@visor/core';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { tf } from '../tf.js';
import { kerasError } from './kerasError.js';
import { readKerasArchive } from './readKerasArchive.js';
import { readLegacyH5 } from './readLegacyH5.js';

/** `\x89HDF\r\n\x1a\n`: the HDF5 signature (at offset 0 in files Keras writes). */
export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** `PK\x03\x04` (a local file header) or `PK\x05\x06` (an empty archive): a zip. */
export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}
export function isHdf5(head: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((b, i) => head[i] === b);
}

/**
 * A Keras model file read into memory (core's ModelSource): `format` is `keras-h5` for legacy HDF5
 * files and `keras` for Keras 3 archives; `data` is what `tf.loadLayersModel({ load: async () => data })` takes.
 */
export type KerasModelSource = ModelSource & { format: 'keras-h5' | 'keras'; kind: 'tfjs-artifacts'; data: tf.io.ModelArtifacts };

/**
 * Reads a Keras model file without Python: a Keras 2 (or Keras 3 legacy-format) `.h5`, or a Keras 3
 * `.keras` archive (or the folder `model.save(..., zipped=False)` writes). The container is told by the
 * file's first bytes, not its name. Returns TF.js ModelArtifacts (`modelTopology` in Keras 2 form,
 * `weightSpecs` named as tfjs names the variables, one float32 `weightData`), already checked by building
 * the model with tfjs; anything that cannot be read or computed as Keras does is a VisorError (code
 * `model`) naming the file, the layer and the fix.
 */
export async function readKerasFile(path: string): Promise<KerasModelSource> {
  const file = resolve(path);
  let isDir: boolean;
  try {
    isDir = (await stat(file)).isDirectory();
  } catch {
    throw kerasError(path, 'model file not found');
  }
  if (isDir) return { file, format: 'keras', kind: 'tfjs-artifacts', data: await readKerasArchive(file) };
  const head = new Uint8Array(8);
  const fh = await open(file, 'r');
  try {
    await fh.read(head, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (isHdf5(head)) return { file, format: 'keras-h5', kind: 'tfjs-artifacts', data: await readLegacyH5(file) };
  if (isZip(head)) return { file, format: 'keras', kind: 'tfjs-artifacts', data: await readKerasArchive(file) };
  throw kerasError(file, 'neither an HDF5 file (Keras .h5) nor a zip archive (Keras .keras)', "Save the model with Keras's model.save('model.keras').");
}
