import { channelMeans } from '@visor/core';
import { gaussianBlur } from './gaussianBlur.js';

/**
 * What deleted pixels become (deletion) or what revealed pixels start from (insertion), in the model's
 * input space: a number for every channel, one number per channel, `mean` (the image's per-channel mean)
 * or `blur` (the image blurred by a Gaussian of σ = blurSigma pixels, see gaussianBlur).
 */
export type Fill = number | number[] | 'mean' | 'blur';

/** The baseline image for `fill` (a new H×W×C array; the image is not changed). */
export function baselineImage(image: Float32Array, [H, W, C]: [number, number, number], fill: Fill, blurSigma: number): Float32Array {
  if (fill === 'blur') return gaussianBlur(image, H, W, C, blurSigma);
  const perChannel = fill === 'mean' ? Array.from(channelMeans(image, C)) : typeof fill === 'number' ? new Array<number>(C).fill(fill) : fill;
  if (perChannel.length !== C) throw new RangeError(`baselineImage: ${perChannel.length} fill values for ${C} channels`);
  const out = new Float32Array(H * W * C);
  for (let i = 0; i < out.length; i++) out[i] = perChannel[i % C]!;
  return out;
}
