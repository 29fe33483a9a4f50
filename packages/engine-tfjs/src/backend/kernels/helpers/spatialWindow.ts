import { tf } from '../../../tf.js';

/**
 * A `height`×`width` window of an NHWC tensor whose row 0 / column 0 sit at input row `-top` /
 * column `-left`: `out[b, i, j, c] = x[b, i - top, j - left, c]`, zero outside `x`.
 * Positive `top`/`left` pad, negative ones crop; the far sides are padded or cropped to fit.
 * (Convolution padding, made explicit so the kernels below can run a plain 'valid' conv.)
 * Returns `x` itself when the window is `x`: call it inside a tidy and never return its result as a kernel output.
 */
export function spatialWindow(x: tf.Tensor4D, top: number, left: number, height: number, width: number, fill = 0): tf.Tensor4D {
  const [, inH, inW] = x.shape;
  if (top === 0 && left === 0 && height === inH && width === inW) return x;
  return tf.tidy(() => {
    const padBottom = Math.max(0, height - top - inH);
    const padRight = Math.max(0, width - left - inW);
    const padded =
      top > 0 || left > 0 || padBottom > 0 || padRight > 0
        ? tf.pad(
            x,
            [
              [0, 0],
              [Math.max(0, top), padBottom],
              [Math.max(0, left), padRight],
              [0, 0],
            ],
            fill,
          )
        : x;
    return tf.slice(padded, [0, Math.max(0, -top), Math.max(0, -left), 0], [-1, height, width, -1]);
  });
}
