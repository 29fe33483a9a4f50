import { VisorError } from '../errors/VisorError.js';
import type { ResolvedPreprocess } from './PreprocessSpec.js';

/** Per-channel constants for `channels` channels, or an error naming the mismatch. */
export function perChannel(resolved: ResolvedPreprocess, channels: number): { mean: number[]; std: number[]; reverse: boolean } {
  const expand = (name: 'mean' | 'std', v: number[]) => {
    if (v.length === 1) return new Array<number>(channels).fill(v[0]!);
    if (v.length !== channels) {
      throw new VisorError(
        `preprocess '${resolved.preset}': ${name} has ${v.length} values but the input has ${channels} channel${channels === 1 ? '' : 's'}; ` +
          'give one value or one per channel.',
        { code: 'config', hint: 'Convert the input to the model’s channel count first (toChannels), or use a preset that fits.' },
      );
    }
    return v;
  };
  return { mean: expand('mean', resolved.mean), std: expand('std', resolved.std), reverse: resolved.channelOrder === 'bgr' };
}

/**
 * Normalises H×W×C values (0..255 images) for the model: y[c] = (x[src(c)]·scale − mean[c]) / std[c],
 * with src reversing the channels for 'bgr' (like Keras' x[..., ::-1]). Returns a new array.
 */
export function applyPreprocess(data: Float32Array, channels: number, resolved: ResolvedPreprocess): Float32Array {
  const { mean, std, reverse } = perChannel(resolved, channels);
  const { scale } = resolved;
  const out = new Float32Array(data.length);
  for (let p = 0; p < data.length; p += channels) {
    for (let c = 0; c < channels; c++) {
      const x = data[p + (reverse ? channels - 1 - c : c)]!;
      out[p + c] = (x * scale - mean[c]!) / std[c]!;
    }
  }
  return out;
}
