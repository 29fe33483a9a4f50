import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelFormat } from '@visor/core';
import { readKerasFile, isHdf5, isZip } from './readKerasFile.js';

/**
 * Keras HDF5 model files (`model.save('model.h5')`), recognised by the HDF5 signature whatever their name
 * (an HDF5 file that is not a Keras model is then refused by `read` with the reason).
 */
export const kerasH5Format: ModelFormat = {
  id: 'keras-h5',
  description: 'Keras HDF5 model files (.h5, Keras 2 and Keras 3 legacy format), read without Python',
  detect: (_file, head) => isHdf5(head),
  read: readKerasFile,
};

/**
 * Keras 3 model archives (`model.save('model.keras')`): a zip named `.keras` (PyTorch's .pt files are zips
 * too), or the folder `model.save(…, zipped=False)` writes (core passes folders with an empty `head`).
 */
export const kerasFormat: ModelFormat = {
  id: 'keras',
  description: 'Keras 3 model archives (.keras, or the folder an unzipped save writes), read without Python',
  detect: (file, head) =>
    (isZip(head) && /\.keras$/i.test(file)) || (head.length === 0 && existsSync(join(file, 'config.json')) && existsSync(join(file, 'model.weights.h5'))),
  read: readKerasFile,
};
