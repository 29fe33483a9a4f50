import type { ResolvedPreprocess } from './PreprocessSpec.js';
import { perChannel } from './applyPreprocess.js';

/**
 * The inverse of `applyPreprocess`: model-space values back to the input's scale and channel order
 * (0..255 RGB for images), for patch previews and for expressing fill values. Returns a new array.
 */
export function invertPreprocess(data: Float32Array, channels: number, resolved: ResolvedPreprocess): Float32Array {
  const { mean, std, reverse } = perChannel(resolved, channels);
  const { scale } = resolved;
  const out = new Float32Array(data.length);
  for (let p = 0; p < data.length; p += channels) {
    for (let c = 0; c < channels; c++) {
      out[p + (reverse ? channels - 1 - c : c)] = (data[p + c]! * std[c]! + mean[c]!) / scale;
    }
  }
  return out;
}
