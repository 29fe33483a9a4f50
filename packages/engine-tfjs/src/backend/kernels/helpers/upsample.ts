import { tf } from '../../../tf.js';

/**
 * Spreads an NHWC tensor's pixels `strideHeight` rows / `strideWidth` columns apart, zeros between
 * (and after the last): out[b, i·sH, j·sW, c] = x[b, i, j, c]. The adjoint of a strided slice.
 * Returns `x` itself for stride 1: call it inside a tidy and never return its result as a kernel output.
 */
export function upsample(x: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  if (strideHeight === 1 && strideWidth === 1) return x;
  const [b, h, w, c] = x.shape;
  return tf.tidy(() =>
    tf.reshape<tf.Rank.R4>(
      tf.pad(tf.reshape(x, [b, h, 1, w, 1, c]), [
        [0, 0],
        [0, 0],
        [0, strideHeight - 1],
        [0, 0],
        [0, strideWidth - 1],
        [0, 0],
      ]),
      [b, h * strideHeight, w * strideWidth, c],
    ),
  );
}
