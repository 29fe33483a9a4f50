import { VisorError } from '../errors/VisorError.js';

/** Row-major height × width × channels samples (channels last: grey, RGB, RGBA, or a 1-channel map). */
export interface Raster {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels: number;
}

/**
 * A rectangle of a raster in continuous pixel coordinates: pixel (i, j) covers [i, i + 1) × [j, j + 1),
 * so its centre is (i + 0.5, j + 0.5). It may be fractional and may reach past the raster's edges
 * (samples there take the nearest edge pixels).
 */
export interface SourceRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ResampleOptions {
  /**
   * Widen the filter by the scale factor when shrinking, so every source pixel counts (PIL's
   * `Image.resize(size, BILINEAR, box)`); false gives the plain 2×2 bilinear sample
   * (`tf.image.resizeBilinear(…, halfPixelCenters = true)`, PyTorch's `align_corners = False`),
   * which aliases on large reductions. Both agree whenever the rect is enlarged. Default true.
   */
  antialias?: boolean;
  /**
   * Which source pixels the filter may read. `raster` (default): any pixel of the raster, so a rect's
   * border samples blend with its neighbours outside it (PIL's `box`, `ImageOps.fit`). `rect`: only the
   * pixels the rect spans, [floor(x), ceil(x + width)) × [floor(y), ceil(y + height)), as if the rect
   * had been cut out first (torchvision's crop-then-resize, Keras's `smart_resize`).
   */
  bounds?: 'raster' | 'rect';
}

/** The taps of each output index along one axis: source indices first[i] … first[i] + count[i] − 1. */
interface AxisTaps {
  first: Int32Array;
  count: Int32Array;
  /** `stride` weights per output index, each set summing to 1. */
  weights: Float64Array;
  stride: number;
}

/**
 * Triangle-filter taps along one axis. Output index i is centred on source coordinate
 * c = start + (i + 0.5) · scale (scale = length / outSize); source pixel j (centre j + 0.5) gets
 * weight max(0, 1 − |j + 0.5 − c| / f), f = max(scale, 1) with antialiasing, else 1. Taps outside
 * [min, max) (the raster, or the rect's pixels) are dropped and the rest renormalised, which for the
 * plain bilinear equals clamping the sample to the edge pixel. A centre outside is first moved onto
 * the edge.
 */
function axisTaps(size: number, start: number, length: number, outSize: number, antialias: boolean, rectBounds: boolean): AxisTaps {
  const min = rectBounds ? Math.max(0, Math.floor(start)) : 0;
  const max = rectBounds ? Math.min(size, Math.ceil(start + length)) : size;
  const scale = length / outSize;
  const f = antialias ? Math.max(scale, 1) : 1;
  const stride = Math.ceil(f) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * stride);
  for (let i = 0; i < outSize; i++) {
    const c = Math.min(max, Math.max(min, start + (i + 0.5) * scale));
    const lo = Math.max(min, Math.floor(c - f + 0.5));
    const hi = Math.min(max, Math.floor(c + f + 0.5));
    let sum = 0;
    for (let j = lo; j < hi; j++) {
      const w = Math.max(0, 1 - Math.abs(j + 0.5 - c) / f);
      weights[i * stride + (j - lo)] = w;
      sum += w;
    }
    for (let j = lo; j < hi; j++) weights[i * stride + (j - lo)]! /= sum;
    first[i] = lo;
    count[i] = hi - lo;
  }
  return { first, count, weights, stride };
}

function check(src: Raster, rect: SourceRect, outWidth: number, outHeight: number, rectBounds: boolean): void {
  const { width: w, height: h, channels: c } = src;
  const fail = (what: string) =>
    new VisorError(`resampleBilinear: ${what}`, { code: 'usage', hint: 'This is a bug in the caller: pass a non-empty raster, rect and output size.' });
  if (![w, h, c].every((n) => Number.isInteger(n) && n > 0)) throw fail(`raster ${w}×${h}×${c} is not a positive integer size`);
  if (src.data.length !== w * h * c) throw fail(`raster ${w}×${h}×${c} needs ${w * h * c} values, data has ${src.data.length}`);
  if (![outWidth, outHeight].every((n) => Number.isInteger(n) && n > 0)) throw fail(`output ${outWidth}×${outHeight} is not a positive integer size`);
  if (![rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) || !(rect.width > 0 && rect.height > 0)) {
    throw fail(`source rect (x ${rect.x}, y ${rect.y}, ${rect.width}×${rect.height}) is empty or not finite`);
  }
  if (rectBounds && !(rect.x < w && rect.x + rect.width > 0 && rect.y < h && rect.y + rect.height > 0)) {
    throw fail(
      `source rect (x ${rect.x}, y ${rect.y}, ${rect.width}×${rect.height}) lies outside the ${w}×${h} raster, and bounds 'rect' reads only inside it`,
    );
  }
}

/**
 * Bilinear resampling of the `rect` of a raster to outWidth × outHeight (same channels), in float64
 * with a float32 result: the one implementation for pictures (crop and resize to a model input or a
 * display size) and for maps (a heatmap onto an original's geometry). Separable: a horizontal pass
 * over the rows the vertical taps need, then a vertical pass. Output pixel (i, j) is centred on
 * (rect.x + (i + 0.5) · rect.width / outWidth, rect.y + (j + 0.5) · rect.height / outHeight).
 * Matches PIL (antialias, any box inside the image), PyTorch / TF.js half-pixel bilinear
 * (no antialias), and PyTorch on a cropped tensor (`bounds: 'rect'`); see
 * `fixtures/resample_reference.py`.
 */
export function resampleBilinear(src: Raster, rect: SourceRect, outWidth: number, outHeight: number, options: ResampleOptions = {}): Float32Array {
  const rectBounds = options.bounds === 'rect';
  check(src, rect, outWidth, outHeight, rectBounds);
  const antialias = options.antialias ?? true;
  const { data, width, height, channels: C } = src;
  const tx = axisTaps(width, rect.x, rect.width, outWidth, antialias, rectBounds);
  const ty = axisTaps(height, rect.y, rect.height, outHeight, antialias, rectBounds);
  // Rows the vertical taps read.
  let r0 = height;
  let r1 = 0;
  for (let j = 0; j < outHeight; j++) {
    r0 = Math.min(r0, ty.first[j]!);
    r1 = Math.max(r1, ty.first[j]! + ty.count[j]!);
  }
  const rowLen = outWidth * C;
  const tmp = new Float64Array((r1 - r0) * rowLen);
  for (let r = r0; r < r1; r++) {
    const row = r * width;
    const o = (r - r0) * rowLen;
    for (let i = 0; i < outWidth; i++) {
      const f = tx.first[i]!;
      const n = tx.count[i]!;
      const wb = i * tx.stride;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let t = 0; t < n; t++) acc += tx.weights[wb + t]! * data[(row + f + t) * C + c]!;
        tmp[o + i * C + c] = acc;
      }
    }
  }
  const out = new Float32Array(outHeight * rowLen);
  const acc = new Float64Array(rowLen);
  for (let j = 0; j < outHeight; j++) {
    acc.fill(0);
    const f = ty.first[j]! - r0;
    const wb = j * ty.stride;
    for (let t = 0; t < ty.count[j]!; t++) {
      const w = ty.weights[wb + t]!;
      const s = (f + t) * rowLen;
      for (let k = 0; k < rowLen; k++) acc[k]! += w * tmp[s + k]!;
    }
    out.set(acc, j * rowLen);
  }
  return out;
}
