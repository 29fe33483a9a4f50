import type { NdArray } from '../contracts/NdArray.js';
import type { DecodedInput } from '../io/DecodedInput.js';
import { toChannels } from '../io/toChannels.js';
import { fitToModel } from '../preprocess/fitToModel.js';

/**
 * A decoded ground-truth mask brought to the model's input size exactly as its input was (same resize mode),
 * as 0/1 values [H, W]: 1 where the (grey) mask is above half its range (white = the object). What `loadMask`
 * does after reading the file; the browser app calls it on bytes it decoded.
 */
export function fitMask(decoded: DecodedInput, size: { height: number; width: number }, resize: 'stretch' | 'center-crop'): NdArray {
  const grey = toChannels(decoded, 1);
  const fitted = fitToModel(grey, size, resize);
  let max = 0;
  for (const v of grey.data) max = Math.max(max, v);
  const threshold = (decoded.kind === 'image' ? 255 : max) / 2;
  const data = Float32Array.from(fitted.data, (v) => (v > threshold ? 1 : 0));
  return { data, shape: [size.height, size.width] };
}
