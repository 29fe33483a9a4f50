import { tf } from '@visor/core';

/**
 * Guided Grad-CAM (Selvaraju et al. 2017): guided [P, H, W, C] ⊙ cam [P, H, W] / max(cam), the
 * Grad-CAM map (already ReLU'd and upsampled to the input) scaled to [0, 1] per pair, broadcast
 * over channels, as in the authors' code (`cam / np.max(cam)`). A pair whose map is all zero gets
 * an all-zero result. Returns { product, camScaled [P, H, W] }; caller disposes both.
 */
export function guidedGradCamProduct(guided: tf.Tensor4D, cam: tf.Tensor3D): { product: tf.Tensor4D; camScaled: tf.Tensor3D } {
  return tf.tidy(() => {
    const peak = tf.max(cam, [1, 2], true);
    const camScaled = tf.where(tf.greater(peak, 0), tf.div(cam, tf.maximum(peak, 1e-30)), tf.zerosLike(cam)) as tf.Tensor3D;
    const product = tf.mul(guided, tf.expandDims(camScaled, 3)) as tf.Tensor4D;
    return { product, camScaled };
  });
}
