import { boxBlur } from './boxBlur.js';
import { channelMeans } from '@visor/core';

/** How occluded pixels are filled, already checked against the input (see resolveOcclusionOptions). */
export type ResolvedFill = { kind: 'constant'; values: Float32Array } | { kind: 'mean' } | { kind: 'blur'; radius: number };

/**
 * The image whose pixels replace the occluded ones, H×W×C in model input space, computed once per
 * input image: a constant per channel (a number, a per-channel array, or the image's own
 * per-channel mean) or a box-blurred copy of the image.
 */
export function fillImage(image: Float32Array, height: number, width: number, channels: number, fill: ResolvedFill): Float32Array {
  if (fill.kind === 'blur') return boxBlur(image, height, width, channels, fill.radius);
  const values = fill.kind === 'mean' ? channelMeans(image, channels) : fill.values;
  if (values.length !== channels) throw new RangeError(`fillImage: ${values.length} fill values for ${channels} channels`);
  const out = new Float32Array(height * width * channels);
  for (let i = 0; i < out.length; i++) out[i] = values[i % channels]!;
  return out;
}
