import { tf } from '../tf.js';

/**
 * Disposes a LayersModel including the weights of models nested in it as layers, which
 * `LayersModel.dispose()` leaves alive (tfjs 4.22: a model used as a layer keeps a reference count of 2,
 * its own and the outer model's call, and the outer model's dispose lowers it once).
 */
export function disposeLayersModel(model: tf.LayersModel): void {
  const variables = model.weights.map((w) => w.read());
  model.dispose();
  tf.dispose(variables.filter((v) => !v.isDisposed));
}
