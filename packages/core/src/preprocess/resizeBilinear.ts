/** A rectangle of an image, in pixels. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface AxisWeights {
  first: Int32Array; // first source index for each output index
  taps: Int32Array; // number of source samples for each output index
  weights: Float64Array; // maxTaps per output index, normalised to sum 1
  maxTaps: number;
}

/**
 * Weights of a triangle (bilinear) filter along one axis, with half-pixel centres: output index i
 * samples the source at (i + 0.5)·scale − 0.5. Without antialiasing the filter spans one source
 * pixel on each side (tf.image.resizeBilinear with halfPixelCenters); with antialiasing a
 * downscale widens it by the scale factor (PIL's Image.resize(BILINEAR)). The two agree whenever
 * the image is enlarged. Source samples outside [start, start+size) are dropped and the rest
 * renormalised, which equals clamping to the edge.
 */
function axisWeights(start: number, size: number, outSize: number, antialias: boolean): AxisWeights {
  const scale = size / outSize;
  const filterScale = antialias ? Math.max(scale, 1) : 1;
  const support = filterScale; // triangle filter has support 1
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const taps = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support + 0.5));
    const hi = Math.min(size, Math.floor(center + support + 0.5));
    let sum = 0;
    for (let j = lo; j < hi; j++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / filterScale));
      weights[i * maxTaps + (j - lo)] = w;
      sum += w;
    }
    for (let j = lo; j < hi; j++) weights[i * maxTaps + (j - lo)]! /= sum;
    first[i] = start + lo;
    taps[i] = hi - lo;
  }
  return { first, taps, weights, maxTaps };
}

/**
 * Bilinear resize of the `crop` region of H×W×C data to outHeight×outWidth×C (pure JS, separable:
 * rows then columns, in float64). See `axisWeights` for the sampling convention.
 */
export function resizeBilinear(
  src: Float32Array,
  width: number,
  channels: number,
  crop: CropBox,
  outWidth: number,
  outHeight: number,
  antialias = true,
): Float32Array {
  const C = channels;
  const wx = axisWeights(crop.x, crop.width, outWidth, antialias);
  const wy = axisWeights(crop.y, crop.height, outHeight, antialias);
  // Horizontal pass over the rows of the crop.
  const tmp = new Float64Array(crop.height * outWidth * C);
  for (let r = 0; r < crop.height; r++) {
    const rowBase = (crop.y + r) * width;
    for (let ox = 0; ox < outWidth; ox++) {
      const f = wx.first[ox]!;
      const n = wx.taps[ox]!;
      const wBase = ox * wx.maxTaps;
      const o = (r * outWidth + ox) * C;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let t = 0; t < n; t++) acc += wx.weights[wBase + t]! * src[(rowBase + f + t) * C + c]!;
        tmp[o + c] = acc;
      }
    }
  }
  // Vertical pass.
  const out = new Float32Array(outHeight * outWidth * C);
  const rowLen = outWidth * C;
  for (let oy = 0; oy < outHeight; oy++) {
    const f = wy.first[oy]! - crop.y;
    const n = wy.taps[oy]!;
    const wBase = oy * wy.maxTaps;
    const o = oy * rowLen;
    for (let t = 0; t < n; t++) {
      const w = wy.weights[wBase + t]!;
      const s = (f + t) * rowLen;
      for (let k = 0; k < rowLen; k++) out[o + k]! += w * tmp[s + k]!;
    }
  }
  return out;
}
