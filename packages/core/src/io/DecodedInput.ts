import type { RgbaImage } from '../contracts/RgbaImage.js';

/**
 * One decoded input, before resizing and preprocessing.
 * `data` is H×W×C row-major. Images are on the 0..255 scale (16-bit PNGs are scaled to 0..255 keeping
 * their fractional precision); arrays (`.npy`) keep their values as stored.
 * `channels` is what the file holds once alpha is dropped: grey → 1, colour → 3. Use `toChannels`
 * to convert to what the model expects.
 */
export interface DecodedInput {
  path: string;
  kind: 'image' | 'array';
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
  /** 8-bit RGBA picture for overlays (opaque). For arrays with 1 or 3 channels a min-max-scaled
   * picture; for arrays with any other channel count, null. */
  display: RgbaImage | null;
}
