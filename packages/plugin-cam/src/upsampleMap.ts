import { tf } from '@visor/core';
import type { UpsampleMode } from './camOptions.js';

/**
 * Resizes a stack of maps [P, h, w] to [P, H, W]. `bilinear` and `nearest` use half-pixel centres
 * (pixel i covers [i, i + 1); like OpenCV's resize and PyTorch's align_corners=False): a 2×2 map
 * [[a, b], [c, d]] becomes rows whose first row is a, ¾a + ¼b, ¼a + ¾b, b. `none` returns a copy.
 * The result is a new tensor owned by the caller; `maps` is not disposed.
 */
export function upsampleMap(maps: tf.Tensor3D, size: [number, number], mode: UpsampleMode = 'bilinear'): tf.Tensor3D {
  return tf.tidy(() => {
    if (mode === 'none') return tf.clone(maps);
    const [p, h, w] = maps.shape;
    if (p === 0) return tf.zeros([0, size[0], size[1]]) as tf.Tensor3D;
    if (h === size[0] && w === size[1]) return tf.clone(maps);
    const stack = tf.reshape(maps, [p, h, w, 1]) as tf.Tensor4D;
    const resized =
      mode === 'nearest'
        ? tf.image.resizeNearestNeighbor(stack, size, false, true)
        : tf.image.resizeBilinear(stack, size, false, true);
    return tf.reshape(resized, [p, size[0], size[1]]) as tf.Tensor3D;
  });
}
